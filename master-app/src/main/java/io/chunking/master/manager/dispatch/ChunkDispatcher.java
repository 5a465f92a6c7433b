package io.chunking.master.manager.dispatch;

import io.chunking.protocol.ChunkRequest;

import java.util.List;
import java.util.OptionalLong;

/**
 * Sends chunk requests to the workers of a job.
 */
public interface ChunkDispatcher {

	/**
	 * Sends the requests, all to the queue of their job; returns once the broker has accepted every one.
	 * @throws ChunkDispatchException if the broker cannot be reached or refuses them; none of the batch was sent
	 */
	void dispatch(List<ChunkRequest> requests);

	/**
	 * How many requests wait in the queue of {@code jobName}, those being delivered to a worker included, if the
	 * broker can tell now; empty otherwise. Used to tell pending chunks whose request was lost from those whose
	 * request is merely waiting behind others.
	 */
	default OptionalLong queued(String jobName) {
		return OptionalLong.empty();
	}

}
