package io.chunking.samples.newsletter;

import static io.chunking.testing.ChunkingAssertions.instanceId;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import io.chunking.samples.newsletter.mailserver.NewsletterMailServer;
import io.chunking.testing.ChunkingCluster;
import io.chunking.testing.ClusterExtension;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

/**
 * The newsletter on a master and two worker processes and a GreenMail SMTP server that refuses some recipients: the
 * schedule (overridden by configuration to fire once, about a minute after the test starts, in a zone whose date
 * may differ from UTC's) sends the issue of its fire date; a worker is killed with SIGKILL while it sends a mail
 * (its delivery claimed, not yet recorded: in doubt).
 * Every active subscriber the server does not refuse gets exactly one message of the issue (one Message-ID; a second
 * copy of it only where the run reports that it resent a delivery in doubt), a refused one gets none and is a skip
 * with the server's reply, an inactive one gets none; the rate held (once the rate limit runtime is in the worker);
 * a second run of the same issue sends nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NewsletterIntegrationTests {

	static final int SUBSCRIBERS = 2_000;

	static final int RATE = 100;

	static final ZoneId ZONE = ZoneId.of("Pacific/Auckland");

	/** Time from the test's start to the fire time: enough for the master to start and look at its schedules. */
	static final Duration START_MARGIN = Duration.ofSeconds(50);

	static NewsletterMailServer mail;

	static ZonedDateTime fireTime;

	@RegisterExtension
	static final ClusterExtension cluster = ClusterExtension.of("newsletter", (cluster) -> {
		// GreenMail logs every recipient's mailbox at INFO.
		((Logger) LoggerFactory.getLogger("com.icegreen")).setLevel(Level.WARN);
		mail = NewsletterMailServer.start(0);
		fireTime = ZonedDateTime.now(ZONE).plus(START_MARGIN).truncatedTo(ChronoUnit.SECONDS);
		String cron = fireTime.getSecond() + " " + fireTime.getMinute() + " " + fireTime.getHour() + " "
				+ fireTime.getDayOfMonth() + " " + fireTime.getMonthValue() + " *";
		String[] newsletter = { "--chunking.samples.newsletter.smtp-port=" + mail.port(),
				"--chunking.samples.newsletter.rate-per-second=" + RATE };
		cluster.masterArgs("--chunking.master.poll-interval=250ms", "--chunking.master.retry-backoff=100ms",
				"--chunking.master.max-retry-backoff=500ms", "--chunking.schedules[0].job=" + NewsletterJob.NAME,
				"--chunking.schedules[0].cron=" + cron, "--chunking.schedules[0].zone=" + ZONE);
		cluster.masterArgs(newsletter);
		cluster.workerArgs("--chunking.worker.lease=4s", "--chunking.worker.renew-interval=1s",
				"--chunking.worker.heartbeat-interval=1s");
		cluster.workerArgs(newsletter);
		cluster.startMaster();
		assertThat(Instant.now()).as("the master started before the fire time; raise START_MARGIN")
			.isBefore(fireTime.toInstant().minusSeconds(2));
		seed();
		cluster.startWorker("worker-1");
		cluster.startWorker("worker-2");
	});

	static long firstExecution;

	@AfterAll
	static void stopMailServer() {
		if (mail != null) {
			mail.close();
		}
	}

	@Test
	@Order(1)
	void theScheduleMailsEveryActiveSubscriberOnceWhileAWorkerIsKilledAndRecipientsAreRefused() throws Exception {
		String issue = fireTime.toLocalDate().toString();
		firstExecution = awaitScheduledExecution(Duration.ofSeconds(90));
		cluster.awaitSucceeded(firstExecution, 5, Duration.ofSeconds(60));
		long instance = instanceId(cluster.get("/api/executions/" + firstExecution).body());
		Document inFlight = killWhileSending("worker-1", instance);
		Map<String, Object> execution = cluster.awaitEnd(firstExecution, Duration.ofSeconds(90));

		assertThat(execution.get("status")).as("%s", execution).isEqualTo("COMPLETED");
		int held = Integer.parseInt(inFlight.getString("claim").split("/")[1]);
		Document killed = cluster.ledger(instance).get(held);
		assertThat(killed.getInteger("attempt")).as("attempts of the chunk the killed worker held").isGreaterThan(1);
		Map<String, Object> result = result(execution);
		Set<String> resentInDoubt = inDoubt(issue);
		assertThat(resentInDoubt).as("deliveries resent in doubt").contains(inFlight.getString("subscriber"));
		assertThat(result).containsEntry("issue", issue)
			.containsEntry("sent", (long) expected().size())
			.containsEntry("alreadySent", 0L)
			.containsEntry("rejected", (long) refused().size())
			.containsEntry("resentInDoubt", (long) resentInDoubt.size())
			.containsEntry("inDoubt", 0L);
		assertMailboxes(issue, resentInDoubt);
		assertThat(mail.deferred()).as("recipients refused for now, then sent").hasSize(busy().size());
		assertThat(skips(instance)).isEqualTo(refusedSkips());
		assertRate();
	}

	@Test
	@Order(2)
	void aSecondRunOfTheSameIssueSendsNothing() throws Exception {
		String issue = fireTime.toLocalDate().toString();
		int accepted = mail.accepted().size();

		long id = cluster.trigger(NewsletterJob.NAME, Map.of("issue", issue));
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofSeconds(60));

		assertThat(execution.get("status")).as("%s", execution).isEqualTo("COMPLETED");
		assertThat(result(execution)).containsEntry("sent", 0L)
			.containsEntry("alreadySent", (long) expected().size())
			.containsEntry("rejected", (long) refused().size())
			.containsEntry("resentInDoubt", 0L);
		assertThat(mail.accepted()).as("messages accepted by the server").hasSize(accepted);
		assertThat(skips(instanceId(execution))).isEqualTo(refusedSkips());
	}

	@Test
	@Order(3)
	void aRunStartedByHandWithoutAnIssueFailsNamingTheParameter() throws Exception {
		long id = cluster.trigger(NewsletterJob.NAME, Map.of());
		Map<String, Object> execution = cluster.awaitEnd(id, Duration.ofSeconds(30));

		assertThat(execution.get("status")).isEqualTo("FAILED");
		assertThat((String) execution.get("exitDescription")).contains("issue", "is required when the run is not "
				+ "started by the schedule");
	}

	/**
	 * Freezes the worker (SIGSTOP) at a moment the ledger shows it sending a mail (a delivery {@code SENDING} under
	 * its claim: the server may or may not have accepted it) and kills it with SIGKILL there; returns that delivery.
	 */
	private static Document killWhileSending(String worker, long instance) throws Exception {
		Process process = cluster.worker(worker);
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			for (int tries = 0; tries < 1000; tries++) {
				ChunkingCluster.signal(process, "STOP");
				Document sending = mongo.getDatabase("samples")
					.getCollection(NewsletterJob.DELIVERIES)
					.find(Filters.and(Filters.eq("status", Deliveries.SENDING),
							Filters.regex("claim", "^" + instance + "/\\d+/\\d+/" + worker + "$")))
					.first();
				if (sending != null) {
					process.destroyForcibly();
					assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
					return sending;
				}
				ChunkingCluster.signal(process, "CONT");
				Thread.sleep(5);
			}
		}
		throw new IllegalStateException(worker + " was never seen sending a mail");
	}

	/** Each expected recipient has one Message-ID, the issue's; a second copy only where a delivery was in doubt. */
	private static void assertMailboxes(String issue, Set<String> resentInDoubt) throws Exception {
		Map<String, List<String>> byRecipient = new TreeMap<>();
		for (MimeMessage message : mail.mailboxes()) {
			for (jakarta.mail.Address to : message.getRecipients(Message.RecipientType.TO)) {
				byRecipient.computeIfAbsent(to.toString(), (key) -> new ArrayList<>()).add(message.getMessageID());
			}
		}
		Map<String, String> expected = expected();
		assertThat(byRecipient.keySet()).as("recipients with mail").isEqualTo(new TreeSet<>(expected.keySet()));
		byRecipient.forEach((recipient, ids) -> {
			String subscriber = expected.get(recipient);
			assertThat(new TreeSet<>(ids)).as("Message-IDs received by %s", recipient)
				.containsExactly(MailSender.messageId(issue, subscriber));
			// A delivery resent in doubt may have reached the server twice, with the same Message-ID.
			assertThat(ids).as("messages received by %s", recipient)
				.hasSizeBetween(1, resentInDoubt.contains(subscriber) ? 2 : 1);
		});
	}

	private static void assertRate() {
		int most = mail.mostAcceptedWithin(Duration.ofSeconds(1));
		// Permits are spaced 1/RATE s apart: a 1 s window can hold RATE + 1 of them.
		assertThat(most).as("most messages accepted within 1 s").isLessThanOrEqualTo(RATE + 1);
	}

	private static long awaitScheduledExecution(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			List<?> executions = (List<?>) cluster.get("/api/executions?jobName=" + NewsletterJob.NAME)
				.body()
				.get("executions");
			if (executions != null && !executions.isEmpty()) {
				return ((Number) ((Map<?, ?>) executions.get(0)).get("id")).longValue();
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The schedule did not start " + NewsletterJob.NAME + " within " + timeout
				+ " (fire time " + fireTime + ")");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> result(Map<String, Object> execution) {
		Map<String, Object> result = new LinkedHashMap<>();
		((Map<String, Object>) execution.get("result")).forEach((key, value) -> result.put(key,
				(value instanceof Number number) ? (Object) number.longValue() : value));
		return result;
	}

	/** The subscribers whose deliveries of the issue were taken over in doubt. */
	private static Set<String> inDoubt(String issue) {
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			return mongo.getDatabase("samples")
				.getCollection(NewsletterJob.DELIVERIES)
				.find(Filters.and(Filters.eq("issue", issue), Filters.eq("inDoubt", true)))
				.map((delivery) -> delivery.getString("subscriber"))
				.into(new TreeSet<>());
		}
	}

	/** "position: message" of the items skipped by the chunks of an instance, sorted. */
	private static List<String> skips(long instance) {
		List<String> skips = new ArrayList<>();
		for (Document chunk : cluster.ledger(instance).values()) {
			List<Document> documents = chunk.getList("skips", Document.class);
			if (documents != null) {
				documents.forEach((skip) -> skips.add(skip.getString("position") + ": " + skip.getString("message")));
			}
		}
		skips.sort(null);
		return skips;
	}

	private static List<String> refusedSkips() {
		List<String> skips = new ArrayList<>();
		refused().forEach((subscriber) -> {
			String email = subscriber.email();
			skips.add("mongodb:samples." + NewsletterJob.SUBSCRIBERS + "/_id=\"" + subscriber.id() + "\": The mail "
					+ "server refused " + email + " for good: 550 5.1.1 <" + email + ">: mailbox unavailable");
		});
		skips.sort(null);
		return skips;
	}

	private static void seed() {
		try (MongoClient mongo = MongoClients.create(cluster.mongoUri())) {
			NewsletterSubscribers.write(mongo, "samples", NewsletterSubscribers.subscribers(SUBSCRIBERS));
		}
	}

	private static List<Subscriber> active() {
		return NewsletterSubscribers.subscribers(SUBSCRIBERS).stream().filter(Subscriber::active).toList();
	}

	private static List<Subscriber> refused() {
		return active().stream().filter((s) -> s.email().startsWith(NewsletterMailServer.BOUNCE)).toList();
	}

	private static List<Subscriber> busy() {
		return active().stream().filter((s) -> s.email().startsWith(NewsletterMailServer.BUSY)).toList();
	}

	/** Recipient to subscriber id, of every subscriber that must get the issue. */
	private static Map<String, String> expected() {
		Map<String, String> expected = new HashMap<>();
		active().stream()
			.filter((s) -> !s.email().startsWith(NewsletterMailServer.BOUNCE))
			.forEach((s) -> expected.put(s.email(), s.id()));
		return expected;
	}

}
