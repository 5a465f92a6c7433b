package io.chunking.samples.newsletter;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.core.retry.RetryPolicy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.chunking.connectors.mongo.MongoSource;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.JobSchedule;
import io.chunking.job.RateLimit;

/**
 * The newsletter: every day at 10:00 in its zone ({@value #CRON}), a mail to every active subscriber of the
 * collection {@value #SUBSCRIBERS}, through SMTP, at most {@code ratePerSecond} mails per second across all workers,
 * {@code concurrency} at once per chunk attempt. Each subscriber gets one mail per issue ({@link Deliveries}); a
 * recipient the server refuses for good is skipped with the server's reply, one it refuses for now is tried again
 * (3 tries {@code RETRY_DELAY} apart per attempt, then the chunk's next attempt).
 */
public final class NewsletterJob {

	public static final String NAME = "newsletter";

	/** The schedule: every day at 10:00 (a {@code chunking.schedules} entry named {@value #NAME} replaces it). */
	public static final String CRON = "0 0 10 * * *";

	/** Collection of the subscribers: {@code _id} (a string), {@code email}, {@code name}, {@code active}. */
	public static final String SUBSCRIBERS = "subscribers";

	/** Collection of the deliveries, one per issue and subscriber. */
	public static final String DELIVERIES = "deliveries";

	/** Name of the rate limit every worker shares for the SMTP server. */
	public static final String RATE_LIMIT = "newsletter-smtp";

	/** Tries of a recipient the server refuses for now, within one chunk attempt. */
	static final int TRIES = 3;

	/** Wait between two of those tries. */
	static final Duration RETRY_DELAY = Duration.ofMillis(200);

	private NewsletterJob() {
	}

	/**
	 * @param mongo where the subscribers and deliveries are
	 * @param database their database
	 * @param mail the SMTP sender
	 * @param zone the zone of the schedule, and so of the issue date
	 * @param ratePerSecond mails per second, all workers together
	 * @param concurrency mails sent at once per chunk attempt
	 */
	public static ChunkedJobDefinition<Subscriber, Delivery> definition(MongoClient mongo, String database,
			MailSender mail, ZoneId zone, int ratePerSecond, int concurrency) {
		Deliveries deliveries = new Deliveries(mongo.getDatabase(database).getCollection(DELIVERIES));
		return ChunkedJob.named(NAME)
			.description("Mails the issue to every active subscriber once, at " + ratePerSecond + " mails/s at most")
			.parameter(JobParameterSpec.stringParam(Issue.PARAMETER, "",
					"Issue to send (e.g. 2026-12-07); a scheduled run sends the date of its fire time"))
			.parameter(JobParameterSpec.stringParam(JobSchedule.FIRE_TIME_PARAMETER, "",
					"Set by the schedule: the fire time in its zone"))
			.parameter(JobParameterSpec.longParam("chunkSize", 50, "Subscribers per chunk")
				.range(ChunkSizes.MIN, ChunkSizes.MAX))
			.items(MongoSource.collection(mongo, database, SUBSCRIBERS).filter((arguments) -> {
				Issue.of(arguments); // refuses a run without an issue before anything is sliced
				return Filters.eq("active", true);
			}).map(Subscriber::of))
			.processorPerAttempt((attempt) -> new NewsletterSender(deliveries, mail, attempt))
			.chunkSizeParameter("chunkSize")
			.workerStep(NewsletterJob::retryDeferredSkipRejected)
			.concurrency(concurrency)
			.rateLimit(RateLimit.perSecond(RATE_LIMIT, ratePerSecond))
			.sink(new DeliveryReport(deliveries))
			.aggregate(new DeliveryCounts())
			.schedule(CRON, zone)
			.build();
	}

	private static void retryDeferredSkipRejected(ChunkOrientedStepBuilder<Subscriber, Delivery> step) {
		step.faultTolerant()
			.retryPolicy(RetryPolicy.builder()
				.includes(MailDeferredException.class)
				.maxRetries(TRIES - 1)
				.delay(RETRY_DELAY)
				.build())
			.skip(MailRejectedException.class)
			.skipLimit(ChunkSizes.MAX);
	}

}
