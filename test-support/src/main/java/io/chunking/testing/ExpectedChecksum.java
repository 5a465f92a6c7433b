package io.chunking.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The {@code demo-checksum} result computed here, from the definition in the design brief, independently of the
 * job's own code: the 64-bit wrap-around sum of the first 8 bytes (big-endian) of SHA-256 of each item's UTF-8
 * bytes, items being {@code item-0 ... item-(n-1)}.
 */
public final class ExpectedChecksum {

	private ExpectedChecksum() {
	}

	public static String of(long items) {
		return of(items, 0, Set.of());
	}

	/** The checksum of all items except those of the given chunks. */
	public static String of(long items, int chunkSize, Set<Integer> excludedChunks) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			long sum = 0;
			for (long i = 0; i < items; i++) {
				if (chunkSize > 0 && excludedChunks.contains((int) (i / chunkSize))) {
					continue;
				}
				byte[] digest = sha256.digest(("item-" + i).getBytes(StandardCharsets.UTF_8));
				long prefix = 0;
				for (int b = 0; b < 8; b++) {
					prefix = (prefix << 8) | (digest[b] & 0xff);
				}
				sum += prefix;
			}
			return String.format("%016x", sum);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
