package io.chunking.job;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * How many dead chunks a run tolerates before it fails: a count ({@code 2}) or a percentage of all chunks
 * ({@code 1%} or {@code 0.5%}). Declared on a job with {@link #count(long)} or {@link #percent(double)}; overridden
 * per execution with the {@value ChunkedJobDefinition#TOLERATED_DEAD_CHUNKS} parameter in the text form
 * {@link #parse(String)} reads and {@link #toString()} writes.
 *
 * @param value the count, or the percentage when {@code percent} is set
 * @param percent whether {@code value} is a percentage
 */
public record DeadChunkTolerance(double value, boolean percent) {

	/** No dead chunk tolerated: the default. */
	public static final DeadChunkTolerance NONE = new DeadChunkTolerance(0, false);

	public DeadChunkTolerance {
		Assert.isTrue(value >= 0, () -> "A dead-chunk tolerance must be a number not below 0, was " + value);
		Assert.isTrue(!percent || value <= 100, () -> "A dead-chunk percentage must not exceed 100, was " + value);
		Assert.isTrue(percent || value == Math.rint(value),
				() -> "A dead-chunk count must be a whole number, was " + value);
	}

	/** At most {@code chunks} dead chunks, whatever the number of chunks. */
	public static DeadChunkTolerance count(long chunks) {
		return new DeadChunkTolerance(chunks, false);
	}

	/** At most {@code percent} percent of the chunks dead, rounded down; between 0 and 100. */
	public static DeadChunkTolerance percent(double percent) {
		return new DeadChunkTolerance(percent, true);
	}

	/**
	 * Reads a count ({@code "2"}) or a percentage ({@code "1%"}); {@code null} is no tolerance.
	 * @throws InvalidJobArgumentsException naming {@value ChunkedJobDefinition#TOLERATED_DEAD_CHUNKS} if the text is
	 * neither
	 */
	public static DeadChunkTolerance parse(@Nullable String text) {
		String trimmed = (text != null) ? text.trim() : "0";
		boolean percent = trimmed.endsWith("%");
		String number = percent ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed;
		double value;
		try {
			value = percent ? Double.parseDouble(number) : Long.parseLong(number);
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobArgumentsException(ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS,
					"must be a count such as 2 or a percentage such as 1%, was '" + text + "'");
		}
		if (!(value >= 0) || (percent && value > 100)) {
			throw new InvalidJobArgumentsException(ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS,
					"must be between 0 and " + (percent ? "100%" : "the number of chunks") + ", was '" + text + "'");
		}
		return new DeadChunkTolerance(value, percent);
	}

	/** Most dead chunks tolerated among {@code totalChunks}. */
	public long allowed(long totalChunks) {
		return this.percent ? (long) Math.floor(totalChunks * this.value / 100.0) : (long) this.value;
	}

	/** The text form {@link #parse(String)} reads: {@code 2}, {@code 1%}, {@code 0.5%}. */
	@Override
	public String toString() {
		return this.percent ? BigDecimal.valueOf(this.value).stripTrailingZeros().toPlainString() + "%"
				: Long.toString((long) this.value);
	}

}
