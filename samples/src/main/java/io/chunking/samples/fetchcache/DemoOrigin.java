package io.chunking.samples.fetchcache;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A demo origin for the fetch-cache sample: {@code GET /values/{key}} answers a deterministic value
 * ({@link #value(String)}), and, by the key ({@link #behaviour(String)}): about 2 % of the keys (and every key that
 * starts with {@code missing}) 404 with a message, for good; about 10 % slowly (50 to 200 ms); about 8 % fail with
 * 503 once or twice before they answer. It counts the answers per key, so a test can check that every value was
 * served once. Run it with {@code --port=8089} (the default).
 */
public final class DemoOrigin implements AutoCloseable {

	static final String PATH = "/values/";

	/** How the origin answers a key. */
	public enum Kind {

		/** At once. */
		FAST,
		/** After a delay. */
		SLOW,
		/** 503 the first times, then the value. */
		FLAKY,
		/** 404, for good. */
		MISSING

	}

	/**
	 * @param kind how the key is answered
	 * @param delayMillis the delay of a slow key
	 * @param failures the 503 answers of a flaky key before its value
	 */
	public record Behaviour(Kind kind, int delayMillis, int failures) {
	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(64);

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

	private final AtomicInteger refused = new AtomicInteger();

	private DemoOrigin(int port) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
		this.server.setExecutor(this.threads);
		this.server.createContext(PATH, this::handle);
		this.server.start();
	}

	/** Starts the origin on a port of 127.0.0.1 (0: any free one). */
	public static DemoOrigin start(int port) throws IOException {
		return new DemoOrigin(port);
	}

	public static void main(String[] args) throws Exception {
		int port = 8089;
		for (String arg : args) {
			if (!arg.startsWith("--port=")) {
				System.err.println("The only option is --port=<port> (8089), was '" + arg + "'");
				System.exit(2);
			}
			port = Integer.parseInt(arg.substring("--port=".length()));
		}
		DemoOrigin origin = start(port);
		Runtime.getRuntime().addShutdownHook(new Thread(origin::close));
		System.out.println("Demo origin on " + origin.url());
	}

	/** The base URL of the values, {@code http://127.0.0.1:<port>/values}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH.substring(0, PATH.length() - 1);
	}

	/** The value of a key. */
	public static String value(String key) {
		return "value of " + key + " #" + Integer.toHexString(key.hashCode() * 0x9E3779B1);
	}

	/** The message of a key that has no value. */
	public static String missing(String key) {
		return "No value for key " + key + " at the origin";
	}

	/** How the origin answers a key: the same for a key every time. */
	public static Behaviour behaviour(String key) {
		int h = Math.floorMod(key.hashCode() * 0x9E3779B1, 1000);
		if (key.startsWith("missing") || h < 20) {
			return new Behaviour(Kind.MISSING, 0, 0);
		}
		if (h < 120) {
			return new Behaviour(Kind.SLOW, 50 + h % 151, 0);
		}
		if (h < 200) {
			return new Behaviour(Kind.FLAKY, 0, 1 + h % 2);
		}
		return new Behaviour(Kind.FAST, 0, 0);
	}

	/** How many times the origin answered a key's value (200) or its permanent 404. */
	public int served(String key) {
		AtomicInteger count = this.served.get(key);
		return (count != null) ? count.get() : 0;
	}

	/** How many keys were served at least once. */
	public int keysServed() {
		return this.served.size();
	}

	/** How many 503 answers the origin gave. */
	public int refused() {
		return this.refused.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String key = exchange.getRequestURI().getPath().substring(PATH.length());
			Behaviour behaviour = behaviour(key);
			int request = this.requests.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
			if (behaviour.kind() == Kind.FLAKY && request <= behaviour.failures()) {
				this.refused.incrementAndGet();
				send(exchange, 503, "Busy, try again (answer " + request + " of " + key + ")");
				return;
			}
			if (behaviour.kind() == Kind.SLOW) {
				Thread.sleep(behaviour.delayMillis());
			}
			this.served.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
			if (behaviour.kind() == Kind.MISSING) {
				send(exchange, 404, missing(key));
			}
			else {
				send(exchange, 200, value(key));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
		try {
			this.threads.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
