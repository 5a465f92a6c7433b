package io.chunking.samples.newsletter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemWriter;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSink;
import io.chunking.job.CompletedRun;

/**
 * The newsletter's sink: its deliveries are recorded as they are sent ({@link Deliveries}), so an attempt writes
 * nothing more; when the run completes, the master reads the issue's ledger and adds to the result {@code issue},
 * {@code rejected} (recipients the server refused for good, in any run of the issue), {@code resentInDoubt}
 * (deliveries this run found {@code SENDING} under a dead attempt's claim and sent again with the same Message-ID:
 * the recipient may have two copies of one message) and {@code inDoubt} (deliveries still {@code SENDING}: 0 unless a
 * chunk died).
 */
final class DeliveryReport implements ChunkSink<Delivery> {

	private final Deliveries deliveries;

	DeliveryReport(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public ItemWriter<Delivery> open(ChunkAttempt attempt) {
		return (chunk) -> {
		};
	}

	@Override
	public Map<String, Object> completed(CompletedRun run) {
		String issue = Issue.of(run.arguments());
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("issue", issue);
		result.put("rejected", this.deliveries.count(issue, Deliveries.REJECTED));
		result.put("resentInDoubt", this.deliveries.inDoubt(issue, run.jobInstanceId()));
		result.put("inDoubt", this.deliveries.count(issue, Deliveries.SENDING));
		return result;
	}

}
