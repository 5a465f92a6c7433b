package io.chunking.store.memory;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import io.chunking.store.ByteRange;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreException;

/**
 * {@link PayloadStore} held in memory, for fast tests. Objects are copied in and out, so a caller that changes its
 * array afterwards changes nothing stored.
 */
public class InMemoryPayloadStore implements PayloadStore {

	/** The bucket name that {@link PayloadNotFoundException} reports. */
	public static final String BUCKET = "in-memory";

	private final Map<String, byte[]> objects = new ConcurrentSkipListMap<>();

	@Override
	public void initialize() {
		// Nothing to create.
	}

	@Override
	public void put(String key, byte[] content) {
		this.objects.put(key, content.clone());
	}

	@Override
	public byte[] get(String key) {
		byte[] content = this.objects.get(key);
		if (content == null) {
			throw new PayloadNotFoundException("in-memory store", BUCKET, key, null);
		}
		return content.clone();
	}

	@Override
	public byte[] get(String key, ByteRange range) {
		byte[] content = get(key);
		if (range.last() >= content.length) {
			throw new StoreException("in-memory store", "Object '" + key + "' in bucket '" + BUCKET + "' has "
					+ content.length + " bytes; it ends before " + range, null);
		}
		return Arrays.copyOfRange(content, (int) range.offset(), (int) range.last() + 1);
	}

	@Override
	public void deletePrefix(String prefix) {
		this.objects.keySet().removeIf((key) -> key.startsWith(prefix));
	}

}
