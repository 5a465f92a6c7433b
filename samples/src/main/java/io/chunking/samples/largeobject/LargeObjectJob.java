package io.chunking.samples.largeobject;

import io.chunking.connectors.s3.S3Location;
import io.chunking.connectors.s3.S3Sink;
import io.chunking.connectors.s3.S3Source;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobParameterSpec;
import io.chunking.samples.orders.Order;
import io.chunking.samples.orders.OrderPricing;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The job {@value #NAME}: a gzip NDJSON object of orders in S3 (as {@link LargeObjectGenerator} writes it) sliced by
 * lines, each line read into an {@link Order} and enriched on a worker ({@link OrderEnrichment}), the results written
 * as gzip NDJSON objects with a manifest ({@code S3Sink}), and totals per category and price band
 * ({@link LargeObjectTotals}). A line that is not an order (not JSON, an amount that is not a number) and an order
 * with a negative amount are skipped and recorded with their position, {@code s3://bucket/key:<line>}.
 * <p>
 * It is the orders samples' {@code orders-s3-ndjson} source and {@code orders-s3-csv} sink and skip policy, with an
 * enrichment and an aggregation of its own.
 */
public final class LargeObjectJob {

	public static final String NAME = "large-object";

	/** The object {@link LargeObjectGenerator} writes by default, in the samples bucket. */
	public static final String DEFAULT_KEY = "large/orders.ndjson.gz";

	/** The default prefix of the outputs in the samples bucket. */
	public static final String DEFAULT_OUTPUT = "large-object";

	private LargeObjectJob() {
	}

	public static ChunkedJobDefinition<Order, EnrichedOrder> definition(S3Client s3, String bucket) {
		return ChunkedJob.named(NAME)
			.description("Enriches the orders of a large gzip NDJSON object in S3 into NDJSON objects with a manifest, "
					+ "and totals them per category")
			.parameter(JobParameterSpec.stringParam("input", "s3://" + bucket + "/" + DEFAULT_KEY,
					"The object (or, ending in /, the prefix) to read, s3://bucket/key"))
			.parameter(JobParameterSpec.stringParam("output", DEFAULT_OUTPUT,
					"Prefix of the output objects in the bucket " + bucket))
			.parameter(JobParameterSpec.longParam("chunkSize", 1000, "Lines per chunk")
				.range(ChunkSizes.MIN, ChunkSizes.MAX))
			.items(S3Source.ndjson(s3, (arguments) -> S3Location.parse(arguments.getString("input")), Order.class))
			.processor(new OrderEnrichment())
			.chunkSizeParameter("chunkSize")
			.workerStep((step) -> step.faultTolerant()
				.skip(OrderPricing.InvalidOrderException.class)
				.skipLimit(ChunkSizes.MAX))
			.sink(S3Sink.<EnrichedOrder>ndjson(s3, bucket, (arguments) -> arguments.getString("output")).gzip(true))
			.aggregate(new LargeObjectTotals())
			.build();
	}

}
