package io.chunking.benchmarks.remote;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import io.chunking.samples.checksum.DemoChecksumJob;

/**
 * Reads the items of one partition ({@link RangePartitioner}) and keeps its position in the step's execution context
 * at each commit, as Spring Batch's own readers do. One instance serves one partition at a time: a worker process
 * consumes one request at a time.
 */
final class PartitionItemReader implements ItemStreamReader<String> {

	private static final String NEXT = "next";

	private long next;

	private long to;

	@Override
	public void open(ExecutionContext context) {
		this.next = context.containsKey(NEXT) ? context.getLong(NEXT) : context.getLong(RangePartitioner.FROM);
		this.to = context.getLong(RangePartitioner.TO);
	}

	@Override
	public String read() {
		return (this.next < this.to) ? DemoChecksumJob.item(this.next++) : null;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(NEXT, this.next);
	}

}
