package io.chunking.samples.largeobject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.job.spi.ChunkedJobRuntime;
import io.chunking.samples.orders.Order;
import io.chunking.samples.orders.OrderPricing;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class LargeObjectJobTests {

	@Test
	void anOrderIsPricedTaxedAndBanded() {
		OrderEnrichment enrichment = new OrderEnrichment();
		assertThat(enrichment.process(new Order("o-1", "c-1", "books", new BigDecimal("10.70"))))
			.isEqualTo(new EnrichedOrder("o-1", "c-1", "BOOKS", 1070, 70, "10-to-100"));
		assertThat(enrichment.process(new Order("o-2", "c-2", "toys", new BigDecimal("1190.00"))))
			.isEqualTo(new EnrichedOrder("o-2", "c-2", "TOYS", 119_000, 19_000, "1000-and-over"));
		assertThat(OrderEnrichment.taxCents("TOYS", 1)).as("0.16 rounds down").isZero();
		assertThat(OrderEnrichment.taxCents("TOYS", 3)).as("0.48 rounds down").isZero();
		assertThat(OrderEnrichment.taxCents("TOYS", 4)).as("0.64 rounds up").isEqualTo(1);
		assertThatExceptionOfType(OrderPricing.InvalidOrderException.class)
			.isThrownBy(() -> enrichment.process(new Order("o-3", "c-3", "toys", new BigDecimal("-1.00"))));
	}

	@Test
	void theGeneratorsLinesAreDeterministicAndEveryNthIsInvalidInTurn() {
		StringBuilder line = new StringBuilder();
		long amount = LargeObjectGenerator.line(1, 10, line);
		assertThat(amount).isPositive();
		assertThat(line.toString()).startsWith("{\"id\":\"o-1\",\"customer\":\"c-").endsWith("}");
		StringBuilder again = new StringBuilder();
		LargeObjectGenerator.line(1, 10, again);
		assertThat(again.toString()).isEqualTo(line.toString());
		StringBuilder invalid = new StringBuilder();
		assertThat(LargeObjectGenerator.line(30, 10, invalid)).isEqualTo(-1);
		assertThat(invalid.toString()).endsWith("\"amount\":");
		invalid.setLength(0);
		assertThat(LargeObjectGenerator.line(10, 10, invalid)).isEqualTo(-1);
		assertThat(invalid.toString()).endsWith("\"amount\":\"n/a\"}");
		invalid.setLength(0);
		assertThat(LargeObjectGenerator.line(20, 10, invalid)).isEqualTo(-1);
		assertThat(invalid.toString()).contains("\"amount\":-");
	}

	@Test
	void invalidParametersAreRefusedNamingTheParameter() {
		try (S3Client s3 = S3Client.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build()) {
			ChunkedJobRuntime<Order, EnrichedOrder> job = ChunkedJobRuntime.of(LargeObjectJob.definition(s3, "samples"));
			assertThat(job.validate(Map.of()).getString("input")).isEqualTo("s3://samples/" + LargeObjectJob.DEFAULT_KEY);
			assertThatExceptionOfType(InvalidJobArgumentsException.class)
				.isThrownBy(() -> job.validate(Map.of("chunkSize", "10")))
				.withMessageContaining("chunkSize");
		}
	}

}
