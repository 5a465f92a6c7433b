package io.chunking.master;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

/**
 * The master (Spring Batch manager): REST API, job launching, slicing, dispatch and supervision of chunks, and,
 * unless external URLs are configured, the embedded infrastructure. Job definitions are loaded from jars given with
 * {@code -Dloader.path=...}. SIGTERM shuts it down gracefully (it hands the executions it runs over to other masters,
 * see {@code MasterHandover}) and exits with status 0.
 */
@SpringBootApplication
public class MasterApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(MasterApplication.class, args);
		// Without this, a JVM ended by SIGTERM exits with 143 even after a clean shutdown.
		Signal.handle(new Signal("TERM"), (signal) -> new Thread(
				() -> System.exit(SpringApplication.exit(context)), "chunking-shutdown").start());
	}

}
