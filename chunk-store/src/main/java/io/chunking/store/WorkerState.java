package io.chunking.store;

/**
 * What a worker is doing, as its heartbeats tell it and as the masters show it.
 */
public enum WorkerState {

	/** Takes chunks of the jobs it serves. */
	ACTIVE,

	/** Shutting down: finishes the chunks in hand, takes no new ones. */
	DRAINING,

	/** Silent for longer than its lease: never reported by the worker itself, only derived from its silence. */
	LOST

}
