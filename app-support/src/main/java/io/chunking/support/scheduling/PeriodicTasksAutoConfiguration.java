package io.chunking.support.scheduling;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The process's {@link PeriodicTasks}, closed with the application context (after the components that use it have
 * stopped, since they depend on it).
 */
@AutoConfiguration
public final class PeriodicTasksAutoConfiguration {

	/** Two threads: the periodic tasks are short store calls, and a slow one must not delay a lease renewal. */
	static final int THREADS = 2;

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PeriodicTasks chunkingPeriodicTasks() {
		return new PeriodicTasks("periodic", THREADS);
	}

}
