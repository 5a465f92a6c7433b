package io.chunking.e2e.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs the browser tests only where Debian's {@code chromium} and {@code chromium-driver} are installed, and says
 * why they are skipped elsewhere (before any cluster starts). {@code .ci/run} installs both and sets
 * {@code -Dchunking.it.chromium.required=true}, which turns their absence into a failure.
 */
class ChromiumAvailable implements ExecutionCondition {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		List<Path> missing = List.of(CHROMIUM, CHROMEDRIVER).stream().filter((path) -> !Files.isExecutable(path)).toList();
		if (!missing.isEmpty() && Boolean.getBoolean("chunking.it.chromium.required")) {
			throw new IllegalStateException("The dashboard's browser tests are required "
					+ "(chunking.it.chromium.required=true) but " + missing + " are missing: apt-get install chromium "
					+ "chromium-driver");
		}
		if (!missing.isEmpty()) {
			return ConditionEvaluationResult.disabled("The dashboard's browser tests need " + missing
					+ ": install them with 'apt-get install chromium chromium-driver' (.ci/run does)");
		}
		return ConditionEvaluationResult.enabled("chromium and chromedriver are installed");
	}

}
