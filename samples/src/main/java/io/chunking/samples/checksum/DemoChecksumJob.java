package io.chunking.samples.checksum;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;

/**
 * {@code demo-checksum}, the reference workload: items {@code item-0 ... item-(items-1)}; each is hashed with
 * SHA-256 and contributes the first 8 bytes (big-endian, unsigned) of its digest to a 64-bit wrap-around sum. The
 * result is {@code count} (items processed) and {@code checksum} (the sum as 16 lowercase hex digits): any lost or
 * doubly counted item changes it.
 */
public final class DemoChecksumJob {

	public static final String NAME = "demo-checksum";

	private DemoChecksumJob() {
	}

	public static ChunkedJobDefinition<String, Long> definition() {
		return ChunkedJob.named(NAME)
			.description("Sums the first 8 bytes of SHA-256 of item-0 ... item-(items-1); the reference workload")
			.parameter(JobParameterSpec.longParam("items", 100_000, "Number of items").range(1, Integer.MAX_VALUE))
			.parameter(JobParameterSpec.longParam("chunkSize", ChunkedJob.DEFAULT_CHUNK_SIZE, "Items per chunk")
				.range(ChunkSizes.MIN, ChunkSizes.MAX))
			.parameter(JobParameterSpec.longParam("workMicros", 0, "CPU busy work per item, in microseconds")
				.range(0, 1_000_000))
			.parameter(JobParameterSpec.doubleParam("failRate", 0,
					"Probability that a chunk attempt fails with a transient error")
				.range(0, 1))
			.parameter(JobParameterSpec.intListParam("poisonChunks",
					"Comma-separated chunk indexes whose every attempt fails"))
			.items(String.class, DemoChecksumJob::items)
			.processorPerAttempt(DemoChecksumJob::processor)
			.chunkSizeParameter("chunkSize")
			.aggregate(new ChecksumAggregation())
			.build();
	}

	static Stream<String> items(JobArguments arguments) {
		return LongStream.range(0, arguments.getLong("items")).mapToObj(DemoChecksumJob::item);
	}

	/** The item of index {@code i}. */
	public static String item(long i) {
		return "item-" + i;
	}

	static ItemProcessor<String, Long> processor(ChunkAttempt attempt) {
		JobArguments arguments = attempt.arguments();
		Set<Integer> poison = new HashSet<>(arguments.getIntList("poisonChunks"));
		if (poison.contains(attempt.chunkIndex())) {
			return (item) -> {
				throw new PoisonChunkException("Chunk " + attempt.chunkIndex() + " is poisoned (poisonChunks="
						+ arguments.getString("poisonChunks") + "); attempt " + attempt.attempt() + " fails");
			};
		}
		boolean failThisAttempt = ThreadLocalRandom.current().nextDouble() < arguments.getDouble("failRate");
		if (failThisAttempt) {
			return (item) -> {
				throw new TransientChunkException("Transient failure of chunk " + attempt.chunkIndex() + " attempt "
						+ attempt.attempt() + " (failRate=" + arguments.getDouble("failRate") + ")");
			};
		}
		long workNanos = arguments.getLong("workMicros") * 1000;
		MessageDigest sha256 = sha256();
		return (item) -> {
			if (workNanos > 0) {
				busyWork(workNanos);
			}
			return hashPrefix(sha256, item);
		};
	}

	/** First 8 bytes (big-endian) of SHA-256 of the item's UTF-8 bytes. */
	public static long hashPrefix(MessageDigest sha256, String item) {
		byte[] digest = sha256.digest(item.getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.wrap(digest, 0, 8).getLong();
	}

	public static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("This JVM has no SHA-256", ex);
		}
	}

	/** Plain arithmetic until {@code nanos} have passed: CPU-bound work that scales across cores. */
	static long busyWork(long nanos) {
		long end = System.nanoTime() + nanos;
		long x = 0;
		while (System.nanoTime() < end) {
			for (int i = 0; i < 50; i++) {
				x = x * 6364136223846793005L + 1442695040888963407L;
			}
		}
		return x;
	}

	/** Thrown by every attempt of a chunk listed in {@code poisonChunks}. */
	public static class PoisonChunkException extends RuntimeException {

		PoisonChunkException(String message) {
			super(message);
		}

	}

	/** Thrown by an attempt chosen to fail by {@code failRate}. */
	public static class TransientChunkException extends RuntimeException {

		TransientChunkException(String message) {
			super(message);
		}

	}

}
