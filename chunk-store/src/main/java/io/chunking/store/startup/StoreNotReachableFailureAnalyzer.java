package io.chunking.store.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a start that failed because a store could not be reached into Spring Boot's "APPLICATION FAILED TO START"
 * report: the store, where it was looked for, the last error, and what to do, instead of a stack trace.
 */
class StoreNotReachableFailureAnalyzer extends AbstractFailureAnalyzer<StoreNotReachableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StoreNotReachableException cause) {
		String action = "Check that " + cause.getStore() + " is running and reachable from this host at "
				+ cause.getLocation() + ", or correct " + cause.getSetting() + "."
				+ (cause.getWaited().isZero()
						? " To wait for it at start-up instead of failing, set chunking.startup.wait (e.g. 2m)."
						: " The start waited chunking.startup.wait for it.");
		String description = cause.getMessage();
		return new FailureAnalysis(Character.toUpperCase(description.charAt(0)) + description.substring(1), action,
				cause);
	}

}
