package io.chunking.store;

/**
 * Thrown when a payload or result object that the ledger refers to is missing from the payload store.
 */
public class PayloadNotFoundException extends RuntimeException {

	public PayloadNotFoundException(String bucket, String key, Throwable cause) {
		super("No object '" + key + "' in bucket '" + bucket + "'", cause);
	}

}
