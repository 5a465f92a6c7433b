package io.chunking.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ChunkingCluster} that JUnit starts before the tests of a class and stops after them, with its working
 * directory deleted. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterExtension cluster = ClusterExtension.of("cli", (cluster) -> {
 *     cluster.startMaster();
 *     cluster.startWorker("worker-cli");
 * });
 * }</pre>
 *
 * {@link #shared()} is one cluster for every class that registers it, for tests that neither change the servers'
 * configuration nor stop them: the first class starts it, and it stops when the test JVM exits (Surefire and
 * Failsafe close JUnit's root context after each class when they fork, so its store cannot hold it).
 */
public final class ClusterExtension extends ChunkingCluster implements BeforeAllCallback {

	/** The id of the worker of the {@link #shared() shared cluster}. */
	public static final String SHARED_WORKER = "worker-1";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ClusterExtension.class);

	private final String name;

	private final Path workingDir;

	private final Setup setup;

	private final boolean shared;

	private boolean started;

	private Exception failure;

	private ClusterExtension(String name, Path workingDir, Setup setup, boolean shared) throws IOException {
		super(workingDir, name);
		this.name = name;
		this.workingDir = workingDir;
		this.setup = setup;
		this.shared = shared;
	}

	/** A cluster of its own for the class that registers it, started by {@code setup}. */
	public static ClusterExtension of(String name, Setup setup) {
		return create(name, setup, false);
	}

	/**
	 * The cluster of a master with its defaults plus a nightly schedule {@code nightly} of {@code demo-checksum}
	 * (cron {@code 0 0 3 * * *}, Europe/Paris, 1000 items, misfire policy SKIP), and one worker,
	 * {@link #SHARED_WORKER}: the same instance for every class of the test JVM.
	 */
	public static ClusterExtension shared() {
		return Shared.CLUSTER;
	}

	private static ClusterExtension create(String name, Setup setup, boolean shared) {
		try {
			return new ClusterExtension(name, Files.createTempDirectory("chunking-" + name + "-"), setup, shared);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the working directory of cluster " + name, ex);
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		if (!this.shared) {
			start(context.getStore(NAMESPACE));
			return;
		}
		synchronized (this) {
			if (!this.started) {
				this.started = true;
				try {
					Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly, "stop-" + this.name + "-cluster"));
					this.setup.start(this);
				}
				catch (Exception ex) {
					this.failure = ex;
				}
			}
		}
		if (this.failure != null) {
			throw new IllegalStateException("The shared cluster did not start", this.failure);
		}
	}

	/** Starts the processes, once the store holds what stops them when its context closes (even if a start fails). */
	private void start(ExtensionContext.Store store) throws Exception {
		store.put(this.name, (AutoCloseable) this::stop);
		this.setup.start(this);
	}

	private void stop() throws Exception {
		close();
		try (Stream<Path> files = Files.walk(this.workingDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	private void stopQuietly() {
		try {
			stop();
		}
		catch (Exception ex) {
			System.err.println("Could not stop cluster " + this.name + ": " + ex);
		}
	}

	/** Starts the processes of a cluster. */
	@FunctionalInterface
	public interface Setup {

		void start(ChunkingCluster cluster) throws Exception;

	}

	private static final class Shared {

		static final ClusterExtension CLUSTER = create("shared", (cluster) -> {
			cluster.masterArgs("--chunking.schedules[0].name=nightly", "--chunking.schedules[0].job=demo-checksum",
					"--chunking.schedules[0].cron=0 0 3 * * *", "--chunking.schedules[0].zone=Europe/Paris",
					"--chunking.schedules[0].parameters.items=1000", "--chunking.schedules[0].misfire-policy=SKIP");
			cluster.startMaster();
			cluster.startWorker(SHARED_WORKER);
		}, true);

	}

}
