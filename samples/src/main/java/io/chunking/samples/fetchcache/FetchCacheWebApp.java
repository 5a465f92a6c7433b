package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.sun.net.httpserver.HttpServer;

/**
 * The fetch-cache sample's web app: {@code GET /data/{key}} ({@link DataHandler}) over the cache in MongoDB, and the
 * {@link Batcher} that triggers the {@value FetchCacheJob#NAME} job per batch through the master's REST API. A plain
 * main class on the JDK's HTTP server and the MongoDB sync driver, so that it runs from the master's jar without a
 * Spring context of its own:
 *
 * <pre>
 * java -Dloader.path=samples/target/samples.jar -Dloader.main=io.chunking.samples.fetchcache.FetchCacheWebApp \
 *     -jar master-app/target/master-app.jar --master=http://127.0.0.1:8080 --user=operator --password=...
 * </pre>
 *
 * Options ({@code --name=value}): {@code port} (8090), {@code mongo-uri} (mongodb://127.0.0.1:27017),
 * {@code database} (samples), {@code master} (http://127.0.0.1:8080), {@code user}, {@code password},
 * {@code max-keys} (500 per batch), {@code interval} (250 ms a batch stays open), {@code stale-after} (120 s, after
 * which an entry still in progress joins a new batch), {@code retry-after} (1 s), {@code threads} (32), and
 * {@code job-parameter=name=value}, repeatable, given to every execution.
 */
public final class FetchCacheWebApp implements AutoCloseable {

	private final MongoClient mongo;

	private final Batcher batcher;

	private final HttpServer server;

	private final ExecutorService threads;

	private FetchCacheWebApp(Settings settings) throws IOException {
		this.mongo = MongoClients.create(settings.mongoUri());
		CacheEntries cache = new CacheEntries(
				this.mongo.getDatabase(settings.database()).getCollection(CacheEntries.COLLECTION))
			.indexed();
		this.batcher = new Batcher(cache,
				new JobTrigger(settings.master(), settings.user(), settings.password(), settings.jobParameters()),
				settings.maxKeys(), settings.interval());
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", settings.port()), 512);
		this.threads = Executors.newFixedThreadPool(settings.threads());
		this.server.setExecutor(this.threads);
		this.server.createContext(DataHandler.PATH,
				new DataHandler(cache, this.batcher, settings.staleAfter(), settings.retryAfterSeconds()));
		this.server.start();
	}

	/** Starts the web app. */
	public static FetchCacheWebApp start(Settings settings) throws IOException {
		return new FetchCacheWebApp(settings);
	}

	public static void main(String[] args) throws Exception {
		Settings settings;
		try {
			settings = Settings.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		FetchCacheWebApp app = start(settings);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try {
				app.close();
			}
			catch (Exception ex) {
				System.err.println("Stopping the web app failed: " + ex);
			}
		}));
		System.out.println("Fetch-cache web app on http://127.0.0.1:" + app.port() + DataHandler.PATH
				+ "{key}, triggering " + FetchCacheJob.NAME + " at " + settings.master());
	}

	/** The port the app listens on. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The batches triggered so far, with their execution ids. */
	public Map<String, Long> triggered() {
		return this.batcher.triggered();
	}

	/** The batches whose trigger the master rejected or that could not be sent, with the reason. */
	public Map<String, String> rejected() {
		return this.batcher.rejected();
	}

	/** Stops answering, triggers the open batch, waits for the triggers under way, and disconnects. */
	@Override
	public void close() throws InterruptedException {
		this.server.stop(1);
		this.threads.shutdown();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
		this.batcher.close();
		this.mongo.close();
	}

	/**
	 * The web app's settings.
	 *
	 * @param port port on 127.0.0.1, 0 for any free one
	 * @param mongoUri the cache's MongoDB server: the framework's, so the job reaches the same cache
	 * @param database the cache's database, {@code chunking.samples.mongo-database} of the apps
	 * @param master base URL of the master
	 * @param user API user allowed to trigger jobs
	 * @param password its password
	 * @param maxKeys most keys per batch
	 * @param interval how long a batch stays open at most
	 * @param staleAfter after how long an entry still in progress is put into a new batch
	 * @param retryAfterSeconds the {@code Retry-After} of a 202 answer
	 * @param threads threads answering requests
	 * @param jobParameters parameters given to every execution besides {@value FetchCacheJob#BATCH}
	 */
	public record Settings(int port, String mongoUri, String database, URI master, String user, String password,
			int maxKeys, Duration interval, Duration staleAfter, int retryAfterSeconds, int threads,
			Map<String, String> jobParameters) {

		/** Reads {@code --name=value} options; an unknown or invalid one fails, naming it. */
		public static Settings parse(String... args) {
			Map<String, String> options = new LinkedHashMap<>();
			Map<String, String> jobParameters = new LinkedHashMap<>();
			for (String arg : args) {
				int equals = arg.indexOf('=');
				if (!arg.startsWith("--") || equals < 0) {
					throw new IllegalArgumentException("Options are --name=value, was '" + arg + "'");
				}
				String name = arg.substring(2, equals);
				String value = arg.substring(equals + 1);
				if (name.equals("job-parameter")) {
					int inner = value.indexOf('=');
					if (inner <= 0) {
						throw new IllegalArgumentException("--job-parameter must be name=value, was '" + value + "'");
					}
					jobParameters.put(value.substring(0, inner), value.substring(inner + 1));
				}
				else {
					options.put(name, value);
				}
			}
			Settings settings = new Settings(number(options, "port", 8090, 0),
					text(options, "mongo-uri", "mongodb://127.0.0.1:27017"), text(options, "database", "samples"),
					URI.create(text(options, "master", "http://127.0.0.1:8080")), text(options, "user", "operator"),
					text(options, "password", ""), number(options, "max-keys", 500, 1),
					Duration.ofMillis(number(options, "interval", 250, 1)),
					Duration.ofSeconds(number(options, "stale-after", 120, 1)), number(options, "retry-after", 1, 0),
					number(options, "threads", 32, 1), jobParameters);
			if (!options.isEmpty()) {
				throw new IllegalArgumentException("Unknown option(s) " + options.keySet() + "; known: port, mongo-uri, "
						+ "database, master, user, password, max-keys, interval (ms), stale-after (s), retry-after (s), "
						+ "threads, job-parameter");
			}
			return settings;
		}

		private static String text(Map<String, String> options, String name, String fallback) {
			String value = options.remove(name);
			return (value != null) ? value : fallback;
		}

		private static int number(Map<String, String> options, String name, int fallback, int min) {
			String value = options.remove(name);
			if (value == null) {
				return fallback;
			}
			try {
				int number = Integer.parseInt(value);
				if (number >= min) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException("--" + name + " must be a whole number of at least " + min + ", was '"
					+ value + "'");
		}

	}

}
