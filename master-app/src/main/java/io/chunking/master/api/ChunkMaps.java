package io.chunking.master.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.chunking.store.ChunkLedger;
import io.chunking.store.ChunkStatus;
import io.chunking.store.ChunkStatusEntry;

/**
 * Maps of the chunks of job instances, one character per chunk, each built from one projection read of the ledger
 * ({@link ChunkLedger#statuses}) and kept for {@link #TTL}: however many dashboards show an execution, and however
 * often they poll, its ledger is read at most once per second. Requests that arrive while a map is read wait for
 * that read rather than start their own, so reads of one instance never overlap, however long one takes. The read
 * needs the ledger's status index only, which the embedded server answers from without reading a chunk document
 * (a fraction of a second at 100,000 chunks), and MongoDB can too. At most {@link #MAX_INSTANCES} maps are kept,
 * the least recently asked for dropped first.
 */
@Component
class ChunkMaps {

	/** How long a map is answered without reading the ledger again, from the start of its read. */
	static final Duration TTL = Duration.ofSeconds(1);

	/** Most job instances whose map is kept. */
	static final int MAX_INSTANCES = 32;

	/** The character of a chunk index missing from the ledger: not sliced yet. */
	static final char UNSLICED = '-';

	private final ChunkLedger ledger;

	private final Clock clock;

	private final InstanceReads<InstanceMap> maps;

	@Autowired
	ChunkMaps(ChunkLedger ledger) {
		this(ledger, System::nanoTime, Clock.systemUTC());
	}

	ChunkMaps(ChunkLedger ledger, LongSupplier nanoTime, Clock clock) {
		this.ledger = ledger;
		this.clock = clock;
		this.maps = new InstanceReads<>("the chunk map", this::read, TTL, MAX_INSTANCES, nanoTime);
	}

	/**
	 * The map of a job instance's chunks.
	 * @param statuses one character per chunk index from 0, the first letter of its status, {@value #UNSLICED} if
	 * the ledger has no such chunk
	 * @param counts chunks by status in the map
	 * @param generatedAt when the ledger read began
	 */
	record InstanceMap(long jobInstanceId, String statuses, Map<ChunkStatus, Long> counts, Instant generatedAt) {
	}

	/** The character of each status in a map: its first letter. */
	static Map<Character, ChunkStatus> legend() {
		Map<Character, ChunkStatus> legend = new LinkedHashMap<>();
		for (ChunkStatus status : ChunkStatus.values()) {
			legend.put(symbol(status), status);
		}
		return legend;
	}

	static char symbol(ChunkStatus status) {
		return status.name().charAt(0);
	}

	InstanceMap get(long jobInstanceId) {
		return this.maps.get(jobInstanceId);
	}

	private InstanceMap read(long jobInstanceId) {
		Instant generatedAt = this.clock.instant();
		StringBuilder statuses = new StringBuilder();
		Map<ChunkStatus, Long> counts = new EnumMap<>(ChunkStatus.class);
		for (ChunkStatus status : ChunkStatus.values()) {
			counts.put(status, 0L);
		}
		try (Stream<ChunkStatusEntry> chunks = this.ledger.statuses(jobInstanceId)) {
			chunks.forEachOrdered((chunk) -> {
				while (statuses.length() < chunk.chunkIndex()) {
					statuses.append(UNSLICED);
				}
				statuses.append(symbol(chunk.status()));
				counts.merge(chunk.status(), 1L, Long::sum);
			});
		}
		return new InstanceMap(jobInstanceId, statuses.toString(), counts, generatedAt);
	}

}
