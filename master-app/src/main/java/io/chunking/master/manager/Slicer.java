package io.chunking.master.manager;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.chunking.protocol.payload.ItemCodec;
import io.chunking.store.ByteRange;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.NewChunk;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreRetry;

/**
 * Cuts a stream of items into chunks. Chunk payloads are written in segments: the payloads of consecutive chunks,
 * up to {@code payloadSegmentBytes} and at most one ledger batch of them (so that the first chunks are recorded and
 * sent early even when payloads are tiny; a chunk never spans two segments), as one object of the payload store;
 * each chunk's ledger entry names its segment and its byte range in it, and is recorded as pending only once its segment
 * is stored, so the ledger never points at a missing payload. One write per segment rather than per chunk keeps
 * slicing cheap when chunks are many and small. Memory stays bounded by the segments in flight
 * ({@code uploadConcurrency} of them) plus one ledger batch, whatever the number of items. Store calls are retried
 * while the stores are unreachable, for at most {@code storeOutageLimit}: both writes are idempotent.
 */
final class Slicer {

	/** Longest wait for one segment upload; the S3 client's own call timeout normally ends it first. */
	private static final long UPLOAD_WAIT_MINUTES = 5;

	private final PayloadStore payloads;

	private final ChunkLedger ledger;

	private final ItemCodec codec;

	private final ManagerSettings settings;

	Slicer(PayloadStore payloads, ChunkLedger ledger, ItemCodec codec, ManagerSettings settings) {
		this.payloads = payloads;
		this.ledger = ledger;
		this.codec = codec;
		this.settings = settings;
	}

	/** Totals of a finished slice. */
	record Totals(int chunks, long items) {
	}

	/** Told of every group of chunks once it is recorded as pending in the ledger, e.g. to send their requests. */
	interface RecordedChunks {

		/**
		 * Whether the requests of the next chunks recorded are sent right after: they are then recorded as
		 * dispatched, in the same ledger write.
		 */
		boolean sendsNext();

		void recorded(List<NewChunk> chunks) throws InterruptedException;

	}

	/**
	 * @param heartbeat called after every ledger batch, e.g. to renew the master's ownership of the run
	 * @param recorded called with each ledger batch once it is recorded, in chunk order; the first batch is
	 * recorded as soon as the first segment is stored, later ones once they hold {@code ledgerBatchSize} chunks
	 */
	Totals slice(String jobName, long jobInstanceId, long jobExecutionId, Stream<?> items, int chunkSize,
			Runnable heartbeat, RecordedChunks recorded) throws Exception {
		StoreRetry retry = new StoreRetry(this.settings.storeOutageLimit(), OutageTolerance.LIMIT_PROPERTY,
				new StoreOutage());
		ExecutorService uploads = Executors.newFixedThreadPool(this.settings.uploadConcurrency(),
				(task) -> new Thread(task, "chunking-slice-upload"));
		try {
			Deque<Future<List<NewChunk>>> inFlight = new ArrayDeque<>();
			Batch batch = new Batch(retry, heartbeat, recorded);
			List<Object> buffer = new ArrayList<>(chunkSize);
			Segment segment = new Segment(jobName, jobInstanceId, jobExecutionId, 0);
			int index = 0;
			long count = 0;
			Iterator<?> iterator = items.iterator();
			while (iterator.hasNext()) {
				buffer.add(iterator.next());
				count++;
				if (buffer.size() == chunkSize || !iterator.hasNext()) {
					segment.add(index++, buffer.size(), this.codec.encodeItems(buffer));
					buffer = new ArrayList<>(chunkSize);
					if (segment.size() >= this.settings.payloadSegmentBytes()
							|| segment.chunkCount() >= this.settings.ledgerBatchSize() || !iterator.hasNext()) {
						inFlight.add(upload(uploads, retry, segment));
						segment = new Segment(jobName, jobInstanceId, jobExecutionId, index);
					}
					// Record what is stored: wait for the oldest upload only when all upload slots are taken.
					while (!inFlight.isEmpty() && (inFlight.peek().isDone()
							|| inFlight.size() >= this.settings.uploadConcurrency())) {
						batch.add(await(inFlight.poll()));
					}
				}
			}
			while (!inFlight.isEmpty()) {
				batch.add(await(inFlight.poll()));
			}
			batch.flush();
			return new Totals(index, count);
		}
		finally {
			uploads.shutdownNow();
		}
	}

	/**
	 * Chunks whose payloads are stored, recorded in the ledger in batches. The first chunks go at once, so that
	 * workers can start on them while the rest is sliced.
	 */
	private final class Batch {

		private final StoreRetry retry;

		private final Runnable heartbeat;

		private final RecordedChunks recorded;

		private List<NewChunk> chunks = new ArrayList<>();

		private boolean first = true;

		Batch(StoreRetry retry, Runnable heartbeat, RecordedChunks recorded) {
			this.retry = retry;
			this.heartbeat = heartbeat;
			this.recorded = recorded;
		}

		void add(List<NewChunk> stored) throws InterruptedException {
			this.chunks.addAll(stored);
			if (this.first || this.chunks.size() >= Slicer.this.settings.ledgerBatchSize()) {
				flush();
				this.first = false;
				this.heartbeat.run();
			}
		}

		void flush() throws InterruptedException {
			int size = Slicer.this.settings.ledgerBatchSize();
			for (int from = 0; from < this.chunks.size(); from += size) {
				List<NewChunk> part = List.copyOf(this.chunks.subList(from, Math.min(from + size, this.chunks.size())));
				Instant dispatchedAt = this.recorded.sendsNext() ? Instant.now() : null;
				this.retry.run("Recording chunks " + part.get(0).key().chunkIndex() + " to "
						+ part.get(part.size() - 1).key().chunkIndex(),
						() -> Slicer.this.ledger.record(part, dispatchedAt));
				this.recorded.recorded(part);
			}
			this.chunks = new ArrayList<>();
		}

	}

	private Future<List<NewChunk>> upload(ExecutorService uploads, StoreRetry retry, Segment segment) {
		return uploads.submit(() -> {
			byte[] content = segment.content();
			retry.run("Writing the payloads of chunks " + segment.firstIndex() + " to " + segment.lastIndex(),
					() -> this.payloads.put(segment.key(), content));
			return segment.chunks();
		});
	}

	private static List<NewChunk> await(Future<List<NewChunk>> upload) throws Exception {
		try {
			return upload.get(UPLOAD_WAIT_MINUTES, TimeUnit.MINUTES);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		catch (TimeoutException ex) {
			throw new TimeoutException("A payload upload took longer than " + UPLOAD_WAIT_MINUTES + " minutes");
		}
	}

	/** The payloads of consecutive chunks written as one object, and where each chunk's payload is in it. */
	private static final class Segment {

		private final ByteArrayOutputStream content = new ByteArrayOutputStream();

		private final List<NewChunk> chunks = new ArrayList<>();

		private final String jobName;

		private final long jobInstanceId;

		private final long jobExecutionId;

		private final String key;

		private final int firstIndex;

		Segment(String jobName, long jobInstanceId, long jobExecutionId, int firstIndex) {
			this.jobName = jobName;
			this.jobInstanceId = jobInstanceId;
			this.jobExecutionId = jobExecutionId;
			this.firstIndex = firstIndex;
			this.key = ChunkKeys.payloadSegment(jobName, jobInstanceId, firstIndex);
		}

		void add(int chunkIndex, int itemCount, byte[] payload) {
			ByteRange range = new ByteRange(this.content.size(), payload.length);
			this.content.write(payload, 0, payload.length);
			this.chunks.add(new NewChunk(new ChunkKey(this.jobInstanceId, chunkIndex), this.jobName,
					this.jobExecutionId, itemCount, this.key, range));
		}

		int size() {
			return this.content.size();
		}

		int chunkCount() {
			return this.chunks.size();
		}

		String key() {
			return this.key;
		}

		int firstIndex() {
			return this.firstIndex;
		}

		int lastIndex() {
			return this.firstIndex + this.chunks.size() - 1;
		}

		byte[] content() {
			return this.content.toByteArray();
		}

		List<NewChunk> chunks() {
			return this.chunks;
		}

	}

}
