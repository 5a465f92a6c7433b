package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.master.manager.dispatch.ChunkDispatchException;
import io.chunking.master.manager.dispatch.ChunkDispatcher;
import io.chunking.protocol.ChunkRequest;
import io.chunking.protocol.payload.ItemCodec;
import io.chunking.store.ChunkKey;
import io.chunking.store.ChunkKeys;
import io.chunking.store.ChunkRecord;
import io.chunking.store.ChunkStatus;
import io.chunking.store.NewChunk;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.RunRecord;
import io.chunking.store.UnclaimedChunk;
import io.chunking.store.memory.InMemoryChunkLedger;
import io.chunking.store.memory.InMemoryPayloadStore;
import io.chunking.store.memory.InMemoryRunStore;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The slice step against the in-memory stores: chunk boundaries, payload contents, the run record, and that a
 * sliced run is never sliced again while an unfinished slice is redone from scratch.
 */
class SliceTaskletTests {

	private static final ManagerSettings SETTINGS = new ManagerSettings(Duration.ofMillis(500), Duration.ofHours(1),
			Duration.ofSeconds(1), Duration.ofMinutes(1), 7, 3, 500, "master-test", Duration.ofSeconds(30),
			Duration.ofSeconds(15), Duration.ofMinutes(5));

	private final AtomicInteger itemStreams = new AtomicInteger();

	private final ChunkedJobDefinition<Integer, Integer> definition = ChunkedJob.named("numbers")
		.parameter(JobParameterSpec.longParam("items", 1005L, "how many numbers"))
		.items(Integer.class, (arguments) -> {
			this.itemStreams.incrementAndGet();
			return IntStream.range(0, (int) arguments.getLong("items")).boxed().peek((item) -> {
				if (item == 900) {
					this.sentAtItem900.set(this.dispatcher.sent().size());
				}
			});
		})
		.processor((Integer item) -> item)
		.chunkSize(20)
		.build();

	private final InMemoryChunkLedger ledger = new InMemoryChunkLedger();

	private final InMemoryPayloadStore payloads = new InMemoryPayloadStore();

	private final InMemoryRunStore runs = new InMemoryRunStore();

	private final RecordingDispatcher dispatcher = new RecordingDispatcher();

	/** How many requests were sent when the stream gave item 900 of 1005 (the slice was far from done). */
	private final AtomicInteger sentAtItem900 = new AtomicInteger(-1);

	private final ResourcelessJobRepository jobRepository = new ResourcelessJobRepository();

	private final JobExecution execution = execution();

	private final long instanceId = this.execution.getJobInstanceId();

	@Test
	void cutsTheItemsIntoChunksOfTheDefinitionsSizeInOrder() throws Exception {
		StepExecution step = slice();

		List<ChunkRecord> chunks = this.ledger.page(this.instanceId, ChunkStatus.PENDING, 0, 100);
		assertThat(chunks).hasSize(51);
		assertThat(chunks).extracting(ChunkRecord::itemCount).containsOnly(20, 5);
		assertThat(chunks.get(50).itemCount()).isEqualTo(5);
		ItemCodec codec = new ItemCodec();
		List<Integer> all = chunks.stream()
			.flatMap((chunk) -> codec
				.decodeItems(this.payloads.get(chunk.payloadKey(), chunk.payloadRange()), Integer.class,
						"payload '" + chunk.payloadKey() + "'")
				.stream())
			.toList();
		assertThat(all).containsExactlyElementsOf(IntStream.range(0, 1005).boxed().toList());
		RunRecord run = this.runs.find(this.instanceId).orElseThrow();
		assertThat(run.sliced()).isTrue();
		assertThat(run.chunkCount()).isEqualTo(51);
		assertThat(run.itemCount()).isEqualTo(1005);
		assertThat(run.arguments()).containsEntry("items", "1005");
		assertThat(step.getReadCount()).isEqualTo(1005);
		assertThat(step.getExecutionContext().getInt(SliceTasklet.CHUNK_COUNT)).isEqualTo(51);
	}

	@Test
	void storesTheChunksPayloadsInSegmentsOfTheConfiguredSizeBackToBack() throws Exception {
		slice();

		List<ChunkRecord> chunks = this.ledger.page(this.instanceId, null, 0, 100);
		Map<String, List<ChunkRecord>> segments = chunks.stream()
			.collect(Collectors.groupingBy(ChunkRecord::payloadKey, TreeMap::new, Collectors.toList()));
		assertThat(segments).as("several chunks per object").hasSizeBetween(5, 20);
		segments.forEach((key, inSegment) -> {
			assertThat(key).isEqualTo(ChunkKeys.payloadSegment("numbers", this.instanceId,
					inSegment.get(0).chunkIndex()));
			byte[] segment = this.payloads.get(key);
			long offset = 0;
			for (ChunkRecord chunk : inSegment) {
				assertThat(chunk.payloadRange().offset()).as("ranges back to back").isEqualTo(offset);
				offset += chunk.payloadRange().length();
			}
			assertThat(offset).as("the segment holds exactly its chunks").isEqualTo(segment.length);
			long beforeLast = offset - inSegment.get(inSegment.size() - 1).payloadRange().length();
			assertThat(beforeLast).as("closed once it reached 500 bytes").isLessThan(500);
		});
	}

	@Test
	void sendsEachChunkOnceAsSoonAsItsBatchIsRecordedWhileSlicingGoesOn() throws Exception {
		StepExecution step = slice();

		assertThat(this.sentAtItem900).as("requests sent before the last items were read").hasValueBetween(1, 44);
		assertThat(this.dispatcher.sent()).extracting(ChunkRequest::chunkIndex)
			.containsExactlyElementsOf(IntStream.range(0, 51).boxed().toList());
		assertThat(this.dispatcher.sent()).extracting(ChunkRequest::jobExecutionId).containsOnly(this.execution.getId());
		assertThat(this.ledger.unclaimed(this.instanceId, Instant.now().plusSeconds(60), 100))
			.extracting(UnclaimedChunk::dispatches)
			.hasSize(51)
			.containsOnly(1);
		assertThat(step.getExecutionContext().get(SliceTasklet.SLICED_HERE)).isEqualTo(true);
		assertThat(step.getExecutionContext().get(SliceTasklet.DISPATCHED)).isEqualTo(true);
	}

	@Test
	void aSliceThatCannotReachTheBrokerFinishesAndLeavesTheRequestsToTheProcessStep() throws Exception {
		ChunkDispatcher down = (requests) -> {
			throw new ChunkDispatchException("broker down", new IllegalStateException("no connection"));
		};

		StepExecution step = slice(down);

		assertThat(this.ledger.count(this.instanceId).get(ChunkStatus.PENDING)).isEqualTo(51);
		assertThat(this.runs.find(this.instanceId).orElseThrow().sliced()).isTrue();
		assertThat(step.getExecutionContext().get(SliceTasklet.DISPATCHED)).isEqualTo(false);
	}

	@Test
	void aSlicedRunIsReusedWithoutReadingTheItemsAgain() throws Exception {
		slice();
		List<ChunkRecord> first = this.ledger.page(this.instanceId, null, 0, 100);

		StepExecution again = slice();

		assertThat(this.itemStreams).hasValue(1);
		assertThat(this.dispatcher.sent()).as("sent while slicing, not again").hasSize(51);
		assertThat(again.getExecutionContext().containsKey(SliceTasklet.DISPATCHED)).isFalse();
		assertThat(this.ledger.page(this.instanceId, null, 0, 100)).isEqualTo(first);
		assertThat(again.getExecutionContext().getInt(SliceTasklet.CHUNK_COUNT)).isEqualTo(51);
		assertThat(again.getReadCount()).isEqualTo(1005);
	}

	@Test
	void anUnfinishedSliceIsDiscardedAndDoneAgain() throws Exception {
		// A master died while slicing: the run is begun, some chunks and payloads are written, the slice never ended.
		this.runs.begin(this.instanceId, "numbers", Map.of("items", "1005"));
		String strayKey = ChunkKeys.instancePrefix("numbers", this.instanceId) + "stray";
		this.payloads.put(strayKey, new byte[] { 1 });
		this.ledger.record(List.of(new NewChunk(new ChunkKey(this.instanceId, 99), "numbers", 1, 20, strayKey)));

		slice();

		assertThat(this.ledger.count(this.instanceId).total()).isEqualTo(51);
		assertThat(this.ledger.find(new ChunkKey(this.instanceId, 99))).isEmpty();
		assertThat(this.runs.find(this.instanceId).orElseThrow().sliced()).isTrue();
		assertThatExceptionOfType(PayloadNotFoundException.class).isThrownBy(() -> this.payloads.get(strayKey));
	}

	private StepExecution slice() throws Exception {
		return slice(this.dispatcher);
	}

	private StepExecution slice(ChunkDispatcher dispatcher) throws Exception {
		StepExecution step = this.jobRepository.createStepExecution("numbers.slice", this.execution);
		new SliceTasklet(ChunkedJobRuntime.of(this.definition), this.payloads, this.ledger, this.runs, dispatcher,
				SETTINGS, new HandoverSignal(SETTINGS.masterId()))
			.execute(new StepContribution(step), null);
		return step;
	}

	private JobExecution execution() {
		JobParameters parameters = new JobParametersBuilder().addString("items", "1005").toJobParameters();
		var instance = this.jobRepository.createJobInstance("numbers", parameters);
		return this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
	}

}
