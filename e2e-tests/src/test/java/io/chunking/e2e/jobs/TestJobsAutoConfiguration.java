package io.chunking.e2e.jobs;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import io.chunking.job.ChunkedJobDefinition;

/**
 * Jobs that only the end-to-end tests run. The processes of a cluster find them when the test puts
 * {@link #LOADER_PATH} on their loader path ({@code ChunkingCluster#jobs}): the classes are this module's test
 * classes, the auto-configuration imports are in {@code test-jobs/META-INF/spring}, so the test JVM does not pick
 * them up.
 */
@AutoConfiguration
public class TestJobsAutoConfiguration {

	/** The loader path entries that hold these jobs, relative to the module. */
	public static final String[] LOADER_PATH = { "target/test-classes", "target/test-classes/test-jobs" };

	@Bean
	ChunkedJobDefinition<String, Long> rateLimitedJob() {
		return RateLimitedJob.definition();
	}

	/** On the master only: no worker serves {@link DashboardScaleJob}. */
	@Bean
	@ConditionalOnClass(name = DashboardScaleJob.MASTER_ONLY)
	ChunkedJobDefinition<Long, Long> dashboardScaleJob() {
		return DashboardScaleJob.definition();
	}

}
