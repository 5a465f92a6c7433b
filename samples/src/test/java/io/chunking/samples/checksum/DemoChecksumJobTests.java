package io.chunking.samples.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import io.chunking.job.ChunkAttempt;
import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.testing.ExpectedChecksum;

class DemoChecksumJobTests {

	private final ChunkedJobRuntime<String, Long> definition = ChunkedJobRuntime.of(DemoChecksumJob.definition());

	@Test
	void itemsAreItemZeroToItemsMinusOne() {
		JobArguments arguments = this.definition.validate(Map.of("items", "3"));
		assertThat(DemoChecksumJob.items(arguments)).containsExactly("item-0", "item-1", "item-2");
	}

	@Test
	void processorAndAggregationGiveTheChecksumOfTheDefinition() throws Exception {
		JobArguments arguments = this.definition.validate(Map.of("items", "1000"));
		ItemProcessor<? super String, ? extends Long> processor = this.definition
			.processor(new ChunkAttempt("demo-checksum", 1, 0, 1, "w", arguments));
		Map<String, Object> result = fold(this.definition.getAggregation(), processor, 1000);
		assertThat(result).containsEntry("count", 1000L).containsEntry("checksum", ExpectedChecksum.of(1000));
	}

	@Test
	void poisonedChunkFailsEveryAttempt() {
		JobArguments arguments = this.definition.validate(Map.of("poisonChunks", "3,17"));
		for (int attempt = 1; attempt <= 3; attempt++) {
			ItemProcessor<? super String, ? extends Long> processor = this.definition
				.processor(new ChunkAttempt("demo-checksum", 1, 17, attempt, "w", arguments));
			assertThatExceptionOfType(DemoChecksumJob.PoisonChunkException.class)
				.isThrownBy(() -> processor.process("item-0"))
				.withMessageContaining("Chunk 17 is poisoned");
		}
	}

	@Test
	void parametersAreListedWithTheirTypesAndDefaults() {
		assertThat(this.definition.getParameters())
			.extracting(JobParameterSpec::name, (spec) -> spec.type().name(), JobParameterSpec::defaultValue,
					JobParameterSpec::required)
			.containsExactly(tuple("items", "LONG", "100000", false), tuple("chunkSize", "LONG", "500", false),
					tuple("workMicros", "LONG", "0", false), tuple("failRate", "DOUBLE", "0.0", false),
					tuple("poisonChunks", "INT_LIST", "", false), tuple("maxAttempts", "LONG", "3", false),
					tuple("toleratedDeadChunks", "STRING", "0", false));
	}

	@Test
	void parametersAreValidatedWithTheirNames() {
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> this.definition.validate(Map.of("items", "0")))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("items"));
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> this.definition.validate(Map.of("chunkSize", "1001")))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("chunkSize"));
		assertThatExceptionOfType(InvalidJobArgumentsException.class)
			.isThrownBy(() -> this.definition.validate(Map.of("failRate", "1.5")))
			.satisfies((ex) -> assertThat(ex.getParameter()).isEqualTo("failRate"));
	}

	@SuppressWarnings("unchecked")
	private static <P> Map<String, Object> fold(io.chunking.job.ResultAggregation<Long, P> aggregation,
			ItemProcessor<? super String, ? extends Long> processor, int items) throws Exception {
		P left = aggregation.empty();
		P right = aggregation.empty();
		for (int i = 0; i < items; i++) {
			Long output = processor.process(DemoChecksumJob.item(i));
			if (i % 2 == 0) {
				left = aggregation.add(left, output);
			}
			else {
				right = aggregation.add(right, output);
			}
		}
		return aggregation.present(aggregation.merge(left, right));
	}

}
