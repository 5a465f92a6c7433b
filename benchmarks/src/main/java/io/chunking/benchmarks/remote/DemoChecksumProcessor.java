package io.chunking.benchmarks.remote;

import java.util.HashMap;
import java.util.Map;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.samples.checksum.DemoChecksumJob;

/**
 * The processor of {@code demo-checksum} for the partition a step execution runs: made before the step from the job
 * parameters ({@code items}, {@code chunkSize}, {@code workMicros}) and the partition's first item. One instance
 * serves one partition at a time.
 */
final class DemoChecksumProcessor implements ItemProcessor<String, Long>, StepExecutionListener {

	private final ChunkedJobRuntime<String, Long> definition;

	private final String workerId;

	private ItemProcessor<? super String, ? extends Long> delegate;

	DemoChecksumProcessor(ChunkedJobRuntime<String, Long> definition, String workerId) {
		this.definition = definition;
		this.workerId = workerId;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		Map<String, String> parameters = new HashMap<>();
		for (String name : new String[] { "items", "chunkSize", "workMicros" }) {
			parameters.put(name, stepExecution.getJobParameters().getString(name));
		}
		int chunkSize = Integer.parseInt(parameters.get("chunkSize"));
		int chunkIndex = (int) (stepExecution.getExecutionContext().getLong(RangePartitioner.FROM) / chunkSize);
		this.delegate = this.definition.processor(new ChunkAttempt(DemoChecksumJob.NAME,
				stepExecution.getJobExecutionId(), chunkIndex, 1, this.workerId, this.definition.validate(parameters)));
	}

	@Override
	public Long process(String item) throws Exception {
		return this.delegate.process(item);
	}

}
