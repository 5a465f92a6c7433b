package io.chunking.store;

/**
 * Thrown when a payload or result object that the ledger refers to is missing from the payload store.
 */
public class PayloadNotFoundException extends StoreException {

	/**
	 * @param store the payload store, as an operator would name it ("S3")
	 * @param bucket the bucket searched
	 * @param key the missing object's key
	 * @param cause the backend's exception, {@code null} if none
	 */
	public PayloadNotFoundException(String store, String bucket, String key, Throwable cause) {
		super(store, "No object '" + key + "' in bucket '" + bucket + "'", cause);
	}

}
