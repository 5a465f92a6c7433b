package io.chunking.store;

/**
 * Object storage for chunk payloads and chunk results. Objects are written once under a key that is unique per
 * payload segment (the payloads of consecutive chunks of one run, each read as a {@link ByteRange}), per chunk
 * (payloads recorded before segments existed) or per chunk attempt (results), so a retried write never corrupts a
 * counted object. A store that
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

	/**
	 * Reads a part of an object, e.g. one chunk's payload in a payload segment.
	 * @throws PayloadNotFoundException if no object exists under {@code key}
	 * @throws StoreException if the object ends before the range does
	 */
	byte[] get(String key, ByteRange range);

	/** Deletes every object whose key starts with {@code prefix}. */
	void deletePrefix(String prefix);

}
