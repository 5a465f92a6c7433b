package io.chunking.job;

/**
 * Bounds of the chunk size. A chunk should be small enough to retry cheaply and large enough to amortise a worker's
 * per-chunk set-up.
 */
public final class ChunkSizes {

	/** Fewest items a chunk may hold. */
	public static final int MIN = 20;

	/** Most items a chunk may hold. */
	public static final int MAX = 1000;

	private ChunkSizes() {
	}

	/** Whether {@code size} is between {@value #MIN} and {@value #MAX}. */
	public static boolean isValid(long size) {
		return size >= MIN && size <= MAX;
	}

	/**
	 * @return {@code size}
	 * @throws InvalidJobArgumentsException naming {@code parameter} if {@code size} is out of bounds
	 */
	public static int check(long size, String parameter) {
		if (!isValid(size)) {
			throw new InvalidJobArgumentsException(parameter,
					"must give a chunk size between " + MIN + " and " + MAX + ", was " + size);
		}
		return (int) size;
	}

}
