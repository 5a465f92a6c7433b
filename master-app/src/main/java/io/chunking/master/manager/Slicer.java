package io.chunking.master.manager;

import java.util.ArrayList;
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
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkLedger;
import io.chunking.store.NewChunk;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreOutage;
import io.chunking.store.StoreRetry;

/**
 * Cuts a stream of items into chunks: each chunk's payload goes to the payload store, then its ledger entry is
 * recorded as pending. Memory stays bounded by the chunks in flight ({@code uploadConcurrency} payloads plus one
 * ledger batch), whatever the number of items. A ledger entry is only written once its payload is stored, so the
 * ledger never points at a missing payload. Store calls are retried while the stores are unreachable, for at most
 * {@code storeOutageLimit}: both writes are idempotent.
 */
final class Slicer {

	/** Longest wait for one payload upload; the S3 client's own call timeout normally ends it first. */
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

	/**
	 * @param heartbeat called after every ledger batch, e.g. to renew the master's ownership of the run
	 */
	Totals slice(String jobName, long jobInstanceId, long jobExecutionId, Stream<?> items, int chunkSize,
			Runnable heartbeat) throws Exception {
		StoreRetry retry = new StoreRetry(this.settings.storeOutageLimit(), OutageTolerance.LIMIT_PROPERTY,
				new StoreOutage());
		ExecutorService uploads = Executors.newFixedThreadPool(this.settings.uploadConcurrency(),
				(task) -> new Thread(task, "chunking-slice-upload"));
		try {
			List<Future<NewChunk>> inFlight = new ArrayList<>();
			List<NewChunk> batch = new ArrayList<>(this.settings.ledgerBatchSize());
			List<Object> buffer = new ArrayList<>(chunkSize);
			int index = 0;
			long count = 0;
			Iterator<?> iterator = items.iterator();
			while (iterator.hasNext()) {
				buffer.add(iterator.next());
				count++;
				if (buffer.size() == chunkSize || !iterator.hasNext()) {
					inFlight.add(upload(uploads, retry, jobName, jobInstanceId, jobExecutionId, index++, buffer));
					buffer = new ArrayList<>(chunkSize);
					if (inFlight.size() >= this.settings.uploadConcurrency()) {
						batch.add(await(inFlight.remove(0)));
					}
					if (batch.size() >= this.settings.ledgerBatchSize()) {
						record(retry, batch);
						batch = new ArrayList<>(this.settings.ledgerBatchSize());
						heartbeat.run();
					}
				}
			}
			for (Future<NewChunk> upload : inFlight) {
				batch.add(await(upload));
			}
			record(retry, batch);
			return new Totals(index, count);
		}
		finally {
			uploads.shutdownNow();
		}
	}

	private void record(StoreRetry retry, List<NewChunk> batch) throws InterruptedException {
		if (!batch.isEmpty()) {
			retry.run("Recording chunks " + batch.get(0).key().chunkIndex() + " to "
					+ batch.get(batch.size() - 1).key().chunkIndex(), () -> this.ledger.record(batch));
		}
	}

	private Future<NewChunk> upload(ExecutorService uploads, StoreRetry retry, String jobName, long jobInstanceId,
			long jobExecutionId, int index, List<Object> items) {
		return uploads.submit(() -> {
			ChunkKey key = new ChunkKey(jobInstanceId, index);
			String payloadKey = ChunkKeys.payload(jobName, key);
			byte[] payload = this.codec.encodeItems(items);
			retry.run("Writing the payload of chunk " + index, () -> this.payloads.put(payloadKey, payload));
			return new NewChunk(key, jobName, jobExecutionId, items.size(), payloadKey);
		});
	}

	private static NewChunk await(Future<NewChunk> upload) throws Exception {
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

}
