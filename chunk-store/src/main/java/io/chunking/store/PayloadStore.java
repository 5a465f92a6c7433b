package io.chunking.store;

/**
 * Object storage for chunk payloads and chunk results. Objects are written once under a key that is unique per
 * chunk (payloads) or per chunk attempt (results), so a retried write never corrupts a counted object. A store that
 * cannot be reached makes any method throw {@link StoreUnavailableException}; every method is safe to call again.
 * Any other failure of the backend arrives as {@link StoreException}.
 */
public interface PayloadStore {

	/** Creates the bucket if it is missing. Safe to call from every process at start-up. */
	void initialize();

	void put(String key, byte[] content);

	/**
	 * @throws PayloadNotFoundException if no object exists under {@code key}
	 */
	byte[] get(String key);

	/** Deletes every object whose key starts with {@code prefix}. */
	void deletePrefix(String prefix);

}
