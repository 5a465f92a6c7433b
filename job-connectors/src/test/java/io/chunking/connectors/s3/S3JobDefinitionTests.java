package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.job.spi.ChunkedJobRuntime;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 source and sink in a job definition, as the documentation shows them.
 */
class S3JobDefinitionTests {

	record Order(long id, String customerName, BigDecimal amount) {
	}

	record Score(long orderId, double score) {
	}

	private final S3Client s3 = S3Client.builder()
		.region(Region.US_EAST_1)
		.endpointOverride(URI.create("http://127.0.0.1:9"))
		.credentialsProvider(AnonymousCredentialsProvider.create())
		.build();

	@Test
	void sourceAndSinkFitAChunkedJob() {
		S3CsvSource<Order> orders = S3Source.csv(this.s3, S3Location.parse("s3://acme-in/orders/2026-11-28.csv.gz"),
				Order.class);
		S3Sink<Score> scores = S3Sink.<Score>ndjson(this.s3, "acme-out", "scores").gzip(true);
		ChunkedJobDefinition<Order, Score> job = ChunkedJob.named("score-orders")
			.items(orders)
			.processor((Order order) -> new Score(order.id(), order.amount().doubleValue()))
			.sink(scores)
			.build();
		assertThat(ChunkedJobRuntime.of(job).getSource()).isSameAs(orders);
		assertThat(ChunkedJobRuntime.of(job).getSink()).isSameAs(scores);
	}

	@Test
	void locationAndPrefixMayComeFromTheRunsParameters() {
		ChunkedJobDefinition<String, String> job = ChunkedJob.named("copy-lines")
			.parameter(JobParameterSpec.stringParam("input", null, "s3:// URI of an object or prefix").requiredValue())
			.parameter(JobParameterSpec.stringParam("day", "latest", "Output folder"))
			.items(S3Source.lines(this.s3, (args) -> S3Location.parse(args.getString("input"))))
			.processor(String::toUpperCase)
			.sink(S3Sink.csv(this.s3, "acme-out", (args) -> "lines/" + args.getString("day"),
					List.of("line"), (String line) -> List.of(line)))
			.build();
		ChunkedJobRuntime<String, String> runtime = ChunkedJobRuntime.of(job);
		assertThat(runtime.getSource()).isInstanceOf(S3LinesSource.class);
		assertThat(runtime.getSink()).isInstanceOf(S3Sink.class);
		assertThat(job.validate(Map.of("input", "s3://acme-in/lines/")).getString("day")).isEqualTo("latest");
	}

}
