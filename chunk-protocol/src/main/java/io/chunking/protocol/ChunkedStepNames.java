package io.chunking.protocol;

/**
 * Names of the steps of a chunked job, derived from the job name in one place so that the manager and the worker
 * side can never disagree.
 */
public final class ChunkedStepNames {

	private ChunkedStepNames() {
	}

	/** Manager step that cuts the items into chunks. */
	public static String slice(String jobName) {
		return jobName + ".slice";
	}

	/** Manager step that dispatches one partition per chunk and supervises them. */
	public static String process(String jobName) {
		return jobName + ".process";
	}

	/** Manager step that merges the chunk results. */
	public static String aggregate(String jobName) {
		return jobName + ".aggregate";
	}

	/** Worker step that processes one chunk attempt. */
	public static String worker(String jobName) {
		return jobName + ".worker";
	}

}
