package io.chunking.store;

import org.jspecify.annotations.Nullable;

/**
 * A store operation failed. The root of every exception the store interfaces throw: backend exceptions (of the
 * MongoDB driver, of the AWS SDK) never leak through them, they arrive as this type or a subtype, with the backend's
 * exception as the cause. {@link StoreUnavailableException} marks the transient failures worth retrying; any other
 * {@code StoreException} is not transient (a malformed request, a permission refused, a full disk) and retrying the
 * same call will not help.
 */
public class StoreException extends RuntimeException {

	private final String store;

	/**
	 * @param store the store, as an operator would name it ("MongoDB", "S3")
	 * @param message what failed, and why
	 * @param cause the backend's exception, {@code null} if none
	 */
	public StoreException(String store, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.store = store;
	}

	/** The store that failed, e.g. {@code MongoDB} or {@code S3}. */
	public String getStore() {
		return this.store;
	}

}
