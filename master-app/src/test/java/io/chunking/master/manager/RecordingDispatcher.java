package io.chunking.master.manager;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;

/**
 * A dispatcher that keeps every request it is given, in order, and queues them for the simulated workers to take.
 */
final class RecordingDispatcher implements ChunkDispatcher {

	private final List<ChunkRequest> sent = new ArrayList<>();

	private final Deque<ChunkRequest> queue = new ArrayDeque<>();

	@Override
	public synchronized void dispatch(List<ChunkRequest> requests) {
		this.sent.addAll(requests);
		this.queue.addAll(requests);
	}

	@Override
	public synchronized OptionalLong queued(String jobName) {
		return OptionalLong.of(this.queue.size());
	}

	synchronized ChunkRequest take() {
		return this.queue.poll();
	}

	/** Every request sent so far, in order. */
	synchronized List<ChunkRequest> sent() {
		return List.copyOf(this.sent);
	}

	synchronized long sentFor(int chunkIndex) {
		return this.sent.stream().filter((request) -> request.chunkIndex() == chunkIndex).count();
	}

}
