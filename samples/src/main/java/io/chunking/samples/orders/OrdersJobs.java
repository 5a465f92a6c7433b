package io.chunking.samples.orders;

import javax.sql.DataSource;

import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.core.io.FileSystemResource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import io.chunking.connectors.batch.ItemReaderSource;
import io.chunking.connectors.jdbc.JdbcSink;
import io.chunking.connectors.jdbc.JdbcSource;
import io.chunking.connectors.mongo.MongoSink;
import io.chunking.connectors.mongo.MongoSource;
import io.chunking.connectors.s3.S3Location;
import io.chunking.connectors.s3.S3Sink;
import io.chunking.connectors.s3.S3Source;
import io.chunking.job.ChunkSizes;
import io.chunking.job.ChunkedJob;
import io.chunking.job.ChunkedJobDefinition;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The orders samples: five jobs that price orders ({@link OrderPricing}) and total them per category
 * ({@link CategoryTotals}), each reading a different source and writing a different sink:
 *
 * <table>
 * <tr><th>job</th><th>source</th><th>sink</th></tr>
 * <tr><td>{@value #S3_CSV}</td><td>CSV objects in S3 (plain or gzip)</td><td>NDJSON objects in S3 with a
 * manifest</td></tr>
 * <tr><td>{@value #S3_NDJSON}</td><td>NDJSON objects in S3</td><td>MongoDB upserts</td></tr>
 * <tr><td>{@value #MONGO}</td><td>a MongoDB collection</td><td>JDBC upserts</td></tr>
 * <tr><td>{@value #JDBC}</td><td>a SQL query</td><td>CSV objects in S3 with a manifest</td></tr>
 * <tr><td>{@value #FILE}</td><td>a CSV file through a Spring Batch {@code FlatFileItemReader}</td><td>MongoDB
 * upserts</td></tr>
 * </table>
 *
 * An order with a negative amount is skipped; a row or line that cannot be read is skipped too; both are recorded
 * with their positions. The first attempt of the chunks listed in {@value FailAfterOutput#PARAMETER} fails after
 * writing its output, to show that nothing is duplicated or listed twice.
 */
public final class OrdersJobs {

	public static final String S3_CSV = "orders-s3-csv";

	public static final String S3_NDJSON = "orders-s3-ndjson";

	public static final String MONGO = "orders-mongo";

	public static final String JDBC = "orders-jdbc";

	public static final String FILE = "orders-file";

	/** Collection of the priced orders of {@value #S3_NDJSON}. */
	public static final String TOTALS_COLLECTION = "order_totals";

	/** Collection of the priced orders of {@value #FILE}. */
	public static final String FILE_TOTALS_COLLECTION = "file_order_totals";

	/** Collection {@value #MONGO} reads. */
	public static final String ORDERS_COLLECTION = "orders";

	/** Table {@value #MONGO} writes: id (primary key), customer, category, amount_cents. */
	public static final String TOTALS_TABLE = "order_totals";

	/** Table {@value #JDBC} reads: id (primary key), customer, category, amount. */
	public static final String ORDERS_TABLE = "orders";

	private OrdersJobs() {
	}

	/** CSV objects in S3 ({@code id,customer,category,amount}) to NDJSON objects in S3, with a manifest. */
	public static ChunkedJobDefinition<Order, OrderTotal> s3Csv(S3Client s3, String bucket) {
		return start(S3_CSV, "Prices the orders of CSV objects in S3 into NDJSON objects in S3, with a manifest")
			.parameter(JobParameterSpec.stringParam("input", "s3://" + bucket + "/orders/",
					"The object or (ending in /) the prefix to read, s3://bucket/key"))
			.parameter(output())
			.items(S3Source.csv(s3, OrdersJobs::input, Order.class))
			.processor(new OrderPricing())
			.chunkSizeParameter("chunkSize")
			.workerStep(OrdersJobs::skipInvalidOrders)
			.sink(new FailAfterOutput<>(S3Sink.<OrderTotal>ndjson(s3, bucket, OrdersJobs::output)))
			.aggregate(new CategoryTotals())
			.build();
	}

	/** NDJSON objects in S3 to upserts into the MongoDB collection {@value #TOTALS_COLLECTION}. */
	public static ChunkedJobDefinition<Order, OrderTotal> s3Ndjson(S3Client s3, String bucket, MongoClient mongo,
			String database) {
		return start(S3_NDJSON, "Prices the orders of NDJSON objects in S3 into a MongoDB collection")
			.parameter(JobParameterSpec.stringParam("input", "s3://" + bucket + "/orders-ndjson/",
					"The object or (ending in /) the prefix to read, s3://bucket/key"))
			.items(S3Source.ndjson(s3, OrdersJobs::input, Order.class))
			.processor(new OrderPricing())
			.chunkSizeParameter("chunkSize")
			.workerStep(OrdersJobs::skipInvalidOrders)
			.sink(new FailAfterOutput<>(MongoSink.upsert(mongo, database, TOTALS_COLLECTION, OrderTotal::id)))
			.aggregate(new CategoryTotals())
			.build();
	}

	/** The MongoDB collection {@value #ORDERS_COLLECTION} to upserts into the table {@value #TOTALS_TABLE}. */
	public static ChunkedJobDefinition<Order, OrderTotal> mongo(MongoClient mongo, String database,
			DataSource dataSource) {
		return start(MONGO, "Prices the orders of a MongoDB collection into a SQL table")
			.parameter(JobParameterSpec.stringParam("category", "", "Only the orders of this category (all if empty)"))
			.items(MongoSource.collection(mongo, database, ORDERS_COLLECTION)
				.filter((args) -> args.getString("category").isEmpty() ? Filters.empty()
						: Filters.eq("category", args.getString("category")))
				.as(Order.class))
			.processor(new OrderPricing())
			.chunkSizeParameter("chunkSize")
			.workerStep(OrdersJobs::skipInvalidOrders)
			.sink(new FailAfterOutput<>(JdbcSink.upsert(dataSource, TOTALS_TABLE).key("id")))
			.aggregate(new CategoryTotals())
			.build();
	}

	/** The table {@value #ORDERS_TABLE}, read in id order, to CSV objects in S3 with a manifest. */
	public static ChunkedJobDefinition<Order, OrderTotal> jdbc(DataSource dataSource, S3Client s3, String bucket) {
		return start(JDBC, "Prices the orders of a SQL table into CSV objects in S3, with a manifest")
			.parameter(output())
			.items(JdbcSource.query(dataSource, "select id, customer, category, amount from " + ORDERS_TABLE)
				.key("id")
				.as(Order.class))
			.processor(new OrderPricing())
			.chunkSizeParameter("chunkSize")
			.workerStep(OrdersJobs::skipInvalidOrders)
			.sink(new FailAfterOutput<>(S3Sink.csv(s3, bucket, OrdersJobs::output, OrderTotal.class)))
			.aggregate(new CategoryTotals())
			.build();
	}

	/**
	 * A CSV file on the master ({@code id,customer,category,amount}, with a header line) read by a Spring Batch
	 * {@code FlatFileItemReader}, to upserts into the MongoDB collection {@value #FILE_TOTALS_COLLECTION}.
	 */
	public static ChunkedJobDefinition<Order, OrderTotal> file(MongoClient mongo, String database) {
		return start(FILE, "Prices the orders of a CSV file read by a FlatFileItemReader into a MongoDB collection")
			.parameter(JobParameterSpec.stringParam("file", null, "The CSV file, on the master").requiredValue())
			.items(ItemReaderSource.of(Order.class, OrdersJobs::fileReader))
			.processor(new OrderPricing())
			.chunkSizeParameter("chunkSize")
			.workerStep(OrdersJobs::skipInvalidOrders)
			.sink(new FailAfterOutput<>(MongoSink.upsert(mongo, database, FILE_TOTALS_COLLECTION, OrderTotal::id)))
			.aggregate(new CategoryTotals())
			.build();
	}

	static FlatFileItemReader<Order> fileReader(JobArguments arguments) {
		return new FlatFileItemReaderBuilder<Order>().name("orders")
			.resource(new FileSystemResource(arguments.getString("file")))
			.linesToSkip(1)
			.delimited()
			.names("id", "customer", "category", "amount")
			.targetType(Order.class)
			.build();
	}

	private static ChunkedJob.Start start(String name, String description) {
		return ChunkedJob.named(name)
			.description(description)
			.parameter(JobParameterSpec.longParam("chunkSize", 100, "Orders per chunk")
				.range(ChunkSizes.MIN, ChunkSizes.MAX))
			.parameter(JobParameterSpec.intListParam(FailAfterOutput.PARAMETER,
					"Comma-separated chunk indexes whose first attempt fails after writing its output"));
	}

	private static JobParameterSpec output() {
		return JobParameterSpec.stringParam("output", "results", "Prefix of the output objects in the samples bucket");
	}

	private static S3Location input(JobArguments arguments) {
		return S3Location.parse(arguments.getString("input"));
	}

	private static String output(JobArguments arguments) {
		return arguments.getString("output");
	}

	private static void skipInvalidOrders(ChunkOrientedStepBuilder<Order, OrderTotal> step) {
		step.faultTolerant().skip(OrderPricing.InvalidOrderException.class).skipLimit(ChunkSizes.MAX);
	}

}
