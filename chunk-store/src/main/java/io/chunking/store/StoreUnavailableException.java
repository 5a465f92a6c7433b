package io.chunking.store;

/**
 * A store (the MongoDB ledger, the S3 payload store) could not be reached or did not answer in time: a transient
 * condition, worth retrying later. The operation may or may not have been applied; every store operation of the
 * chunk store is either idempotent or a compare-and-set, so repeating it is safe. Backend exceptions of this kind
 * never leak through the store interfaces: they arrive as this type, with the backend's exception as the cause.
 */
public class StoreUnavailableException extends StoreException {

	/**
	 * @param store what could not be reached, as an operator would name it ("MongoDB", "S3")
	 * @param message what failed, and why
	 * @param cause the backend's exception
	 */
	public StoreUnavailableException(String store, String message, Throwable cause) {
		super(store, message, cause);
	}

}
