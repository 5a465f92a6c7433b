package io.chunking.job;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A named chunked job: where its items come from, how many go in a chunk, what a worker does with each item, and
 * how results are kept. Declare one as a bean (built with {@link ChunkedJob#named(String)}) in a jar on the
 * classpath of both the master and the workers; the master turns it into a Spring Batch job, the workers into the
 * worker step that processes its chunks.
 * <p>
 * This type shows what a job declares to its users (name, description, parameters, schedule). The master and the
 * workers read the rest through {@link io.chunking.job.spi.ChunkedJobRuntime}; a definition not built with
 * {@link ChunkedJob#named(String)} must implement that interface too.
 *
 * @param <I> item type
 * @param <O> processor output type
 */
public interface ChunkedJobDefinition<I, O> {

	/** Framework parameter: attempts per chunk before it is dead. */
	String MAX_ATTEMPTS = "maxAttempts";

	/** Framework parameter: dead chunks tolerated before the execution fails, as a count or a percentage. */
	String TOLERATED_DEAD_CHUNKS = "toleratedDeadChunks";

	/** The job's name, used in URLs, queue names, object keys and step names. */
	String getName();

	/** What the job does, for listings; empty if none was given. */
	String getDescription();

	/** Declared parameters, followed by the framework's ({@value #MAX_ATTEMPTS}, {@value #TOLERATED_DEAD_CHUNKS}). */
	List<JobParameterSpec> getParameters();

	/** The cron schedule declared on the definition, if any. */
	Optional<JobSchedule> getSchedule();

	/**
	 * Validates the parameters of a trigger, including the chunk size and dead-chunk tolerance they lead to.
	 * @param given parameter values by name, as given (absent ones take their defaults)
	 * @return the typed arguments of a run
	 * @throws InvalidJobArgumentsException naming the first parameter that is wrong
	 */
	JobArguments validate(Map<String, String> given);

}
