package io.chunking.store;

/**
 * A contiguous part of a stored object: {@code length} bytes from {@code offset}. A chunk's payload is such a part
 * of a payload segment, an object that holds the payloads of several consecutive chunks.
 *
 * @param offset position of the first byte, from 0
 * @param length number of bytes, at least 1
 */
public record ByteRange(long offset, int length) {

	public ByteRange {
		if (offset < 0) {
			throw new IllegalArgumentException("offset must not be negative, was " + offset);
		}
		if (length < 1) {
			throw new IllegalArgumentException("length must be at least 1, was " + length);
		}
	}

	/** Position of the last byte of the range. */
	public long last() {
		return this.offset + this.length - 1;
	}

	@Override
	public String toString() {
		return "bytes " + this.offset + "-" + last();
	}

}
