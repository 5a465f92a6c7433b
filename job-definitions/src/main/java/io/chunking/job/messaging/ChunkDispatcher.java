package io.chunking.job.messaging;

import java.util.List;

/**
 * Sends chunk requests to the workers of a job.
 */
public interface ChunkDispatcher {

	/** Sends the requests, all to the queue of their job; returns once the broker has accepted every one. */
	void dispatch(List<ChunkRequest> requests);

}
