package io.chunking.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A worker (Spring Batch remote partitioning worker): consumes the chunk requests of the jobs whose definitions are
 * on its classpath ({@code -Dloader.path=...}) and processes them. Start more processes to add worker nodes.
 */
@SpringBootApplication
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
