package io.chunking.samples.newsletter;

/**
 * What became of one subscriber in a chunk attempt: the processor's output.
 *
 * @param issue the issue
 * @param subscriber the subscriber's id
 * @param outcome what happened
 */
public record Delivery(String issue, String subscriber, Outcome outcome) {

	/** What happened to a subscriber's mail of an issue. */
	public enum Outcome {

		/** Sent by this run (by this attempt, or by an earlier attempt of the same chunk). */
		SENT,

		/** Sent by an earlier run of the same issue: not sent again. */
		ALREADY_SENT

	}

}
