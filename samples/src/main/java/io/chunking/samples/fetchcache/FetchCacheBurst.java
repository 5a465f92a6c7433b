package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A burst of clients of the fetch-cache web app over the {@link DemoOrigin}: keys {@code key-00000 …} requested by
 * {@code clients} threads, each key by {@code requesters} of them, each thread going through its keys in its own
 * order, over and over: a key answered 202 is asked again after the answer's {@code Retry-After}, until every key is
 * answered or {@code maxWait} has passed. Each final answer is checked against what the origin serves for the key:
 * its value (200), or its 404 message (502).
 */
public final class FetchCacheBurst {

	/** Most answers kept as examples of wrong ones. */
	private static final int EXAMPLES = 10;

	private final URI app;

	private final int keys;

	private final int clients;

	private final int requesters;

	private final Duration maxWait;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * @param app base URL of the web app, e.g. {@code http://127.0.0.1:8090}
	 * @param keys distinct keys
	 * @param clients client threads
	 * @param requesters clients requesting each key, at most {@code clients}
	 * @param maxWait how long the burst waits for all answers at most
	 */
	public FetchCacheBurst(URI app, int keys, int clients, int requesters, Duration maxWait) {
		if (keys < 1 || clients < 1 || requesters < 1 || requesters > clients) {
			throw new IllegalArgumentException("A burst needs keys >= 1 and 1 <= requesters <= clients, was keys="
					+ keys + ", clients=" + clients + ", requesters=" + requesters);
		}
		this.app = app;
		this.keys = keys;
		this.clients = clients;
		this.requesters = requesters;
		this.maxWait = maxWait;
	}

	/** The name of key {@code n}. */
	public static String key(int n) {
		return String.format("key-%05d", n);
	}

	/**
	 * What a burst saw.
	 *
	 * @param right final answers as the origin serves them (a value, or a permanent error), one per key and client
	 * @param errors final 502 answers among them (keys the origin has no value for)
	 * @param wrong final answers that were not (status or body), with up to 10 examples in {@code examples}
	 * @param unanswered keys per client still 202 when the burst gave up
	 * @param accepted 202 answers
	 * @param joined 202 answers that found the key in a batch already
	 * @param millis from the first request to the last answer
	 * @param examples examples of wrong answers
	 */
	public record Report(long right, long errors, long wrong, long unanswered, long accepted, long joined,
			long millis, List<String> examples) {

		/** Distinct keys answered per second. */
		public double keysPerSecond(int keys) {
			return keys * 1000.0 / Math.max(1, this.millis);
		}

	}

	/** Runs the burst. */
	public Report run() throws InterruptedException {
		AtomicLong right = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong wrong = new AtomicLong();
		AtomicLong unanswered = new AtomicLong();
		AtomicLong accepted = new AtomicLong();
		AtomicLong joined = new AtomicLong();
		Queue<String> examples = new ConcurrentLinkedQueue<>();
		long start = System.nanoTime();
		long deadline = start + this.maxWait.toNanos();
		ExecutorService threads = Executors.newFixedThreadPool(this.clients);
		List<Future<?>> runs = new ArrayList<>();
		for (int client = 0; client < this.clients; client++) {
			Deque<String> pending = new ArrayDeque<>(keysOf(client));
			runs.add(threads.submit(() -> {
				while (!pending.isEmpty() && System.nanoTime() < deadline) {
					long retryAfter = 0;
					for (int n = pending.size(); n > 0 && System.nanoTime() < deadline; n--) {
						String key = pending.poll();
						HttpResponse<String> response = get(key);
						if (response.statusCode() == 202) {
							accepted.incrementAndGet();
							if (response.body().contains("\"joined\":true")) {
								joined.incrementAndGet();
							}
							retryAfter = Math.max(retryAfter,
									response.headers().firstValueAsLong("Retry-After").orElse(1));
							pending.add(key);
						}
						else if (expected(key, response)) {
							right.incrementAndGet();
							if (response.statusCode() == 502) {
								errors.incrementAndGet();
							}
						}
						else {
							wrong.incrementAndGet();
							if (examples.size() < EXAMPLES) {
								examples.add(key + ": " + response.statusCode() + " " + response.body());
							}
						}
					}
					if (!pending.isEmpty()) {
						long pause = Math.min(TimeUnit.SECONDS.toNanos(retryAfter), deadline - System.nanoTime());
						TimeUnit.NANOSECONDS.sleep(Math.max(0, pause));
					}
				}
				unanswered.addAndGet(pending.size());
				return null;
			}));
		}
		threads.shutdown();
		for (Future<?> run : runs) {
			try {
				run.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(15), TimeUnit.NANOSECONDS);
			}
			catch (Exception ex) {
				threads.shutdownNow();
				throw new IllegalStateException("A client of the burst failed: " + ex, ex);
			}
		}
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		return new Report(right.get(), errors.get(), wrong.get(), unanswered.get(), accepted.get(), joined.get(),
				millis, List.copyOf(examples));
	}

	/** The keys of one client, in an order of its own. */
	private List<String> keysOf(int client) {
		List<String> mine = new ArrayList<>();
		for (int n = 0; n < this.keys; n++) {
			int first = n % this.clients;
			int offset = Math.floorMod(client - first, this.clients);
			if (offset % (this.clients / this.requesters) == 0 && offset / (this.clients / this.requesters) < this.requesters) {
				mine.add(key(n));
			}
		}
		Collections.shuffle(mine, new Random(client));
		return mine;
	}

	private HttpResponse<String> get(String key) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.app.resolve(DataHandler.PATH + key))
			.timeout(Duration.ofSeconds(10))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static boolean expected(String key, HttpResponse<String> response) {
		if (DemoOrigin.behaviour(key).kind() == DemoOrigin.Kind.MISSING) {
			return response.statusCode() == 502
					&& response.body().equals("The origin answered 404: " + DemoOrigin.missing(key));
		}
		return response.statusCode() == 200 && response.body().equals(DemoOrigin.value(key));
	}

	/** {@code --app=http://127.0.0.1:8090 --keys=1000 --clients=32 --requesters=3 --max-wait=120} (seconds). */
	public static void main(String[] args) throws Exception {
		URI app = URI.create("http://127.0.0.1:8090");
		int keys = 1000;
		int clients = 32;
		int requesters = 3;
		int maxWait = 120;
		for (String arg : args) {
			String value = arg.substring(arg.indexOf('=') + 1);
			switch (arg.substring(0, Math.max(0, arg.indexOf('=')))) {
				case "--app" -> app = URI.create(value);
				case "--keys" -> keys = Integer.parseInt(value);
				case "--clients" -> clients = Integer.parseInt(value);
				case "--requesters" -> requesters = Integer.parseInt(value);
				case "--max-wait" -> maxWait = Integer.parseInt(value);
				default -> throw new IllegalArgumentException("Unknown option '" + arg
						+ "'; known: --app, --keys, --clients, --requesters, --max-wait");
			}
		}
		Report report = new FetchCacheBurst(app, keys, clients, requesters, Duration.ofSeconds(maxWait)).run();
		System.out.printf("%d keys, %d clients, each key asked by %d: %d right answers (%d of them the origin's 404 "
				+ "as 502), %d wrong, %d unanswered; %d answers 202 (%d joined a batch); %.1f s, %.0f keys/s%n", keys,
				clients, requesters, report.right(), report.errors(), report.wrong(), report.unanswered(),
				report.accepted(), report.joined(), report.millis() / 1000.0, report.keysPerSecond(keys));
		report.examples().forEach((example) -> System.out.println("wrong: " + example));
		System.exit((report.wrong() == 0 && report.unanswered() == 0) ? 0 : 1);
	}

}
