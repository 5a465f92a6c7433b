package io.chunking.benchmarks.remote;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per chunk of {@code demo-checksum}: partition {@code n} holds items {@code [n * chunkSize,
 * min(items, (n + 1) * chunkSize))}, as the keys {@code from} and {@code to} of its execution context. The grid size
 * Spring Batch passes is ignored: the chunk size decides the number of partitions, as it does in the framework.
 */
final class RangePartitioner implements Partitioner {

	static final String FROM = "from";

	static final String TO = "to";

	private final long items;

	private final int chunkSize;

	RangePartitioner(long items, int chunkSize) {
		this.items = items;
		this.chunkSize = chunkSize;
	}

	int partitions() {
		return (int) ((this.items + this.chunkSize - 1) / this.chunkSize);
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new HashMap<>();
		for (int chunk = 0; chunk < partitions(); chunk++) {
			ExecutionContext context = new ExecutionContext();
			context.putLong(FROM, (long) chunk * this.chunkSize);
			context.putLong(TO, Math.min(this.items, (long) (chunk + 1) * this.chunkSize));
			partitions.put("partition" + chunk, context);
		}
		return partitions;
	}

}
