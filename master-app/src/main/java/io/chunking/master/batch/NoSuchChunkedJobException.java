package io.chunking.master.batch;

import java.util.Collection;

/**
 * No job definition has the requested name. The message lists the names there are.
 */
public class NoSuchChunkedJobException extends RuntimeException {

	public NoSuchChunkedJobException(String name, Collection<String> known) {
		super("No job named '" + name + "'; known jobs: " + (known.isEmpty() ? "none (is the jobs jar on loader.path?)" : String.join(", ", known)));
	}

}
