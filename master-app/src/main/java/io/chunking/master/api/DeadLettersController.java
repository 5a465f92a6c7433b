package io.chunking.master.api;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.chunking.protocol.MessagingProperties;
import io.chunking.protocol.ChunkQueues;
import io.chunking.protocol.DeadLetters;
import io.chunking.master.batch.JobCatalog;
import io.chunking.master.broker.BrokerManagementException;
import io.chunking.master.broker.DeadLetterQueue;

/**
 * Messages on the broker's dead-letter queue by job: those workers rejected as no chunk requests, and requests the
 * broker moved after their delivery attempts. Operators list and purge them; the ledger re-dispatches a chunk whose
 * request went there.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLettersController {

	private final DeadLetterQueue deadLetters;

	private final JobCatalog catalog;

	private final ChunkQueues queues;

	DeadLettersController(DeadLetterQueue deadLetters, JobCatalog catalog, MessagingProperties messaging) {
		this.deadLetters = deadLetters;
		this.catalog = catalog;
		this.queues = new ChunkQueues(messaging.getQueuePrefix());
	}

	/**
	 * @param job a job of this master
	 * @param count its dead letters
	 */
	record JobDeadLetters(String job, long count) {
	}

	/**
	 * @param queue the dead-letter queue
	 * @param total every message on it, also those of jobs this master does not have
	 * @param jobs the count of each job of this master
	 */
	record DeadLetterCounts(String queue, long total, List<JobDeadLetters> jobs) {
	}

	record DeadLetterPage(String job, int page, int size, long total, List<DeadLetterQueue.DeadLetter> deadLetters) {
	}

	record PurgeResponse(String job, long purged) {
	}

	@GetMapping
	DeadLetterCounts counts() {
		DeadLetterQueue.Counts counts = this.deadLetters.counts();
		List<JobDeadLetters> jobs = this.catalog.definitions()
			.stream()
			.map((definition) -> new JobDeadLetters(definition.getName(),
					counts.of(this.queues.queueFor(definition.getName()))))
			.toList();
		return new DeadLetterCounts(DeadLetters.QUEUE, counts.total(), jobs);
	}

	/** A page of the job's dead letters, oldest first: id, time, type, reason, and an excerpt of the body. */
	@GetMapping("/{jobName}")
	DeadLetterPage deadLetters(@PathVariable String jobName, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		String queue = requestQueue(jobName);
		ExecutionsController.checkPage(page, size);
		long total = this.deadLetters.counts().of(queue);
		return new DeadLetterPage(jobName, page, size, total, this.deadLetters.page(queue, page, size));
	}

	/** Deletes every dead letter of the job. */
	@PostMapping("/{jobName}/purge")
	PurgeResponse purge(@PathVariable String jobName) {
		return new PurgeResponse(jobName, this.deadLetters.purge(requestQueue(jobName)));
	}

	@ExceptionHandler(BrokerManagementException.class)
	ResponseEntity<ApiError> brokerUnavailable(BrokerManagementException ex) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(new ApiError("broker_unavailable", ex.getMessage() + " (an external broker needs the queue "
					+ DeadLetters.QUEUE + " and the manage permission: see docs/operations.md)"));
	}

	/** The request queue of a job of this master. */
	private String requestQueue(String jobName) {
		return this.queues.queueFor(this.catalog.definition(jobName).getName());
	}

}
