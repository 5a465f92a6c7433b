package io.chunking.e2e.jobs;

import java.util.stream.LongStream;

import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;

/**
 * {@value #NAME}: {@code chunks} chunks of {@link ChunkSizes#MIN} items (the numbers {@code 0 ... n-1}), declared on
 * the master only, so that no worker serves it: once sliced, every chunk stays {@code PENDING} in the ledger. It is
 * the cheapest real execution of 100,000 chunks: the master slices it as any job (payloads in S3, ledger documents in
 * Mongo, one request per chunk on the job's queue), and no worker spends two cores on 100,000 chunks meanwhile. The
 * dashboard's test opens its page once it is sliced and stops it after.
 */
public final class DashboardScaleJob {

	public static final String NAME = "it-dashboard-scale";

	/** A class of the master application only: the bean exists in the master, not in the workers. */
	static final String MASTER_ONLY = "io.chunking.master.MasterApplication";

	private DashboardScaleJob() {
	}

	static ChunkedJobDefinition<Long, Long> definition() {
		return ChunkedJob.named(NAME)
			.description("Test job: chunks of " + ChunkSizes.MIN + " numbers that no worker serves (the master's only)")
			.parameter(JobParameterSpec.longParam("chunks", 100_000, "Number of chunks").range(1, 200_000))
			.items(Long.class, (arguments) -> LongStream.range(0, arguments.getLong("chunks") * ChunkSizes.MIN).boxed())
			.processor((Long item) -> item)
			.chunkSize(ChunkSizes.MIN)
			.build();
	}

}
