package io.chunking.master.api;

/**
 * The ledger has no chunk with the requested index for the execution's job instance.
 */
class NoSuchChunkException extends RuntimeException {

	NoSuchChunkException(long executionId, long jobInstanceId, int index) {
		super("Execution " + executionId + " (job instance " + jobInstanceId + ") has no chunk " + index
				+ " in the ledger: its chunks are numbered from 0, and the slicing may not have reached this one yet");
	}

}
