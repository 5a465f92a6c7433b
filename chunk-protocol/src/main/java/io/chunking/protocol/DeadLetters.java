package io.chunking.protocol;

/**
 * The dead-letter queue of chunk requests, {@value #QUEUE}: one queue for the request queues of every job, whose
 * messages tell their job by the request queue they came from ({@value #ORIGINAL_QUEUE_PROPERTY}). Two kinds of
 * message end up there:
 * <ul>
 * <li>messages a worker rejected at once because they are not chunk requests of its version for the queue's job
 * ({@link DeadLetterParking}), with the reason in {@value #REASON_PROPERTY};</li>
 * <li>requests the broker moved after its delivery attempts ran out (a worker that crashes on them every time): the
 * queue's address is the dead-letter address of the request queues. Those carry no reason.</li>
 * </ul>
 */
public final class DeadLetters {

	/** Name of the dead-letter queue and of its address, the dead-letter address of the request queues. */
	public static final String QUEUE = "chunking.dead-letters";

	/**
	 * Property naming the address (for a JMS queue: the queue) a dead letter came from. Artemis sets it when it moves
	 * a message to the dead-letter address ({@code Message.HDR_ORIGINAL_ADDRESS}); a worker sets it when it parks one.
	 */
	public static final String ORIGINAL_QUEUE_PROPERTY = "_AMQ_ORIG_ADDRESS";

	/** Property with the reason a worker rejected the message, one line. */
	public static final String REASON_PROPERTY = "chunkingDeadLetterReason";

	/**
	 * Artemis's duplicate detection property ({@code Message.HDR_DUPLICATE_DETECTION_ID}): the broker drops a message
	 * whose value it has seen on the same address, so a message parked twice (the worker died between parking it and
	 * acknowledging it) is one dead letter.
	 */
	public static final String DUPLICATE_ID_PROPERTY = "_AMQ_DUPL_ID";

	private DeadLetters() {
	}

	/** The message selector of the dead letters that came from {@code requestQueue}. */
	public static String selector(String requestQueue) {
		return ORIGINAL_QUEUE_PROPERTY + " = '" + requestQueue.replace("'", "''") + "'";
	}

}
