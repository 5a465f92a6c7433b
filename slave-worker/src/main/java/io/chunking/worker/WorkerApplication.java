package io.chunking.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * A worker (Spring Batch remote partitioning worker): consumes the chunk requests of the jobs whose definitions are
 * on its classpath ({@code -Dloader.path=...}) and processes them. Start more processes to add worker nodes.
 * SIGTERM shuts it down gracefully (see {@link WorkerLifecycle}) and exits with status 0.
 */
@SpringBootApplication
public class WorkerApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(WorkerApplication.class, args);
		// Without this, a JVM ended by SIGTERM exits with 143 even after a clean shutdown.
		Signal.handle(new Signal("TERM"), (signal) -> new Thread(
				() -> System.exit(SpringApplication.exit(context)), "chunking-shutdown").start());
	}

}
