package io.chunking.master;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The master (Spring Batch manager): REST API, job launching, slicing, dispatch and supervision of chunks, and,
 * unless external URLs are configured, the embedded infrastructure. Job definitions are loaded from jars given with
 * {@code -Dloader.path=...}.
 */
@SpringBootApplication
public class MasterApplication {

	public static void main(String[] args) {
		SpringApplication.run(MasterApplication.class, args);
	}

}
