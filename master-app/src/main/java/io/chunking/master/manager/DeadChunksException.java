package io.chunking.master.manager;

import java.util.List;

import io.chunking.store.ChunkRecord;

/**
 * More chunks ended dead than the run tolerates. The message names the dead chunks and their last errors; it
 * becomes the exit description of the failed step and job.
 */
public class DeadChunksException extends RuntimeException {

	/** Dead chunks named in the message at most; the ledger lists all of them. */
	static final int MAX_NAMED = 20;

	public DeadChunksException(long dead, long tolerated, long total, List<ChunkRecord> examples) {
		super(message(dead, tolerated, total, examples));
	}

	private static String message(long dead, long tolerated, long total, List<ChunkRecord> examples) {
		StringBuilder message = new StringBuilder();
		message.append(dead).append(" of ").append(total).append(" chunks are dead (tolerated: ").append(tolerated)
			.append("): ");
		for (int i = 0; i < examples.size(); i++) {
			ChunkRecord chunk = examples.get(i);
			if (i > 0) {
				message.append("; ");
			}
			message.append("chunk ").append(chunk.chunkIndex()).append(" after ").append(chunk.attempt())
				.append(" attempts: ").append(chunk.lastError());
		}
		if (dead > examples.size()) {
			message.append("; and ").append(dead - examples.size()).append(" more (see the chunk list)");
		}
		return message.toString();
	}

}
