package io.chunking.benchmarks.remote;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A worker process of stock remote partitioning ({@link WorkerConfiguration}): serves step execution requests until
 * it is stopped (SIGTERM closes the context). Prints {@code STOCK REMOTE WORKER READY} once it consumes requests.
 * System properties: those of {@link StockRemoteInfrastructure} and {@code bench.workerId}.
 */
public final class StockRemoteWorker {

	private StockRemoteWorker() {
	}

	public static void main(String[] args) throws InterruptedException {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(WorkerConfiguration.class);
		context.registerShutdownHook();
		System.out.println("STOCK REMOTE WORKER READY " + System.getProperty("bench.workerId"));
		Thread.currentThread().join();
	}

}
