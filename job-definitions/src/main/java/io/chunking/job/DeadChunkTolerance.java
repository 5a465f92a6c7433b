package io.chunking.job;

/**
 * How many dead chunks a run tolerates before it fails: a count ({@code 2}) or a percentage of all chunks
 * ({@code 1%} or {@code 0.5%}).
 *
 * @param value the count, or the percentage when {@code percent} is set
 * @param percent whether {@code value} is a percentage
 */
public record DeadChunkTolerance(double value, boolean percent) {

	public static DeadChunkTolerance parse(String text) {
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
		if (value < 0 || (percent && value > 100)) {
			throw new InvalidJobArgumentsException(ChunkedJobDefinition.TOLERATED_DEAD_CHUNKS,
					"must be between 0 and " + (percent ? "100%" : "the number of chunks") + ", was '" + text + "'");
		}
		return new DeadChunkTolerance(value, percent);
	}

	/** Most dead chunks tolerated among {@code totalChunks}. */
	public long allowed(long totalChunks) {
		return this.percent ? (long) Math.floor(totalChunks * this.value / 100.0) : (long) this.value;
	}

}
