package io.chunking.connectors.batch;

import static io.chunking.connectors.testing.RecordRoundTrip.noArguments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.infrastructure.item.support.ListItemReader;
import org.springframework.core.io.FileSystemResource;

import io.chunking.connectors.SourceException;
import io.chunking.connectors.testing.RecordRoundTrip;
import io.chunking.job.JobArguments;
import io.chunking.job.JobParameterSpec;

/**
 * {@link ItemReaderSource} over real Spring Batch readers, each watched for the calls it gets.
 */
class ItemReaderSourceTests {

	@TempDir
	Path directory;

	record Sale(String sku, int quantity, BigDecimal price) {
	}

	@Test
	void readsAFlatFileInOrderOpeningAndClosingItOnce() throws Exception {
		Path file = sales(5);
		List<Watched<Sale>> readers = new ArrayList<>();
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class,
				(arguments) -> watch(flatFile(Path.of(arguments.getString("file"))), readers));
		JobArguments arguments = JobArguments.validate(List.of(JobParameterSpec.stringParam("file", null, "Input")),
				Map.of("file", file.toString()));

		List<ReaderItem> records = RecordRoundTrip.records(source, arguments);

		assertThat(records).extracting(ReaderItem::number).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(records).extracting(source::position).containsExactly("item 1", "item 2", "item 3", "item 4",
				"item 5");
		assertThat(source.read(records.get(2))).isEqualTo(new Sale("sku-3", 3, new BigDecimal("3.10")));
		assertThat(readers).singleElement().satisfies((reader) -> {
			assertThat(reader.opened).isEqualTo(1);
			assertThat(reader.reads).isEqualTo(6);
			assertThat(reader.closed).isEqualTo(1);
		});
	}

	@Test
	void eachRunHasANewReader() throws Exception {
		List<Watched<Sale>> readers = new ArrayList<>();
		Path file = sales(2);
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class, (arguments) -> watch(flatFile(file), readers));

		assertThat(RecordRoundTrip.items(source, noArguments())).hasSize(2);
		assertThat(RecordRoundTrip.items(source, noArguments())).hasSize(2);

		assertThat(readers).hasSize(2).allSatisfy((reader) -> assertThat(reader.closed).isEqualTo(1));
	}

	@Test
	void closingTheStreamEarlyClosesTheReaderOnce() throws Exception {
		List<Watched<Sale>> readers = new ArrayList<>();
		Path file = sales(10);
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class, (arguments) -> watch(flatFile(file), readers));

		try (Stream<ReaderItem> records = source.records(noArguments())) {
			assertThat(records.limit(2).toList()).hasSize(2);
			assertThat(readers.get(0).closed).isZero();
		}

		assertThat(readers.get(0).reads).isEqualTo(2);
		assertThat(readers.get(0).closed).isEqualTo(1);
	}

	@Test
	void aReaderThatFailsIsClosedAndFailsTheSliceNamingTheItem() throws Exception {
		List<Watched<Sale>> readers = new ArrayList<>();
		Path file = Files.writeString(this.directory.resolve("bad.csv"),
				"sku,quantity,price\nsku-1,1,1.10\nsku-2,two,2.10\nsku-3,3,3.10\n");
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class, (arguments) -> watch(flatFile(file), readers));

		try (Stream<ReaderItem> records = source.records(noArguments())) {
			assertThatExceptionOfType(SourceException.class).isThrownBy(records::toList)
				.withMessageStartingWith("Reading item 2 of item reader 'sales' (Watched) failed: Parsing error at "
						+ "line: 3");
			assertThat(readers.get(0).closed).isEqualTo(1);
		}

		assertThat(readers.get(0).closed).isEqualTo(1);
	}

	@Test
	void aReaderThatCannotOpenIsClosedAndFailsTheSlice() {
		List<Watched<Sale>> readers = new ArrayList<>();
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class,
				(arguments) -> watch(flatFile(this.directory.resolve("missing.csv")), readers));

		assertThatExceptionOfType(SourceException.class).isThrownBy(() -> source.records(noArguments()))
			.withMessageStartingWith("Opening item reader 'sales' (Watched) failed: ")
			.withMessageContaining("missing.csv");
		assertThat(readers.get(0).opened).isEqualTo(1);
		assertThat(readers.get(0).closed).isEqualTo(1);
	}

	@Test
	void aPlainReaderIsReadUntilItEnds() throws Exception {
		ItemReaderSource<String> source = ItemReaderSource.of(String.class,
				(arguments) -> new ListItemReader<>(List.of("a", "b", "c")));

		assertThat(RecordRoundTrip.items(source, noArguments())).containsExactly("a", "b", "c");
	}

	@Test
	void aRecordOfAnotherTypeIsRejectedWhenReadNamingItsNumber() {
		ItemReaderSource<Sale> source = ItemReaderSource.of(Sale.class, (arguments) -> new ListItemReader<>(List.of()));

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> source.read(new ReaderItem(7, "{\"sku\":\"a\",\"quantity\":\"many\"}")))
			.withMessageStartingWith("Item 7 is not a " + Sale.class.getName() + ": ");
	}

	private Path sales(int count) throws Exception {
		StringBuilder csv = new StringBuilder("sku,quantity,price\n");
		for (int i = 1; i <= count; i++) {
			csv.append("sku-").append(i).append(',').append(i).append(',').append(i).append(".10\n");
		}
		return Files.writeString(this.directory.resolve("sales-" + count + ".csv"), csv);
	}

	private static FlatFileItemReader<Sale> flatFile(Path file) {
		return new FlatFileItemReaderBuilder<Sale>().name("sales")
			.resource(new FileSystemResource(file))
			.linesToSkip(1)
			.delimited()
			.names("sku", "quantity", "price")
			.targetType(Sale.class)
			.build();
	}

	private static <T> Watched<T> watch(FlatFileItemReader<T> reader, List<Watched<T>> readers) {
		Watched<T> watched = new Watched<>(reader);
		readers.add(watched);
		return watched;
	}

	/** A reader that counts the calls it gets and passes them on. */
	static final class Watched<T> extends ItemStreamSupport implements ItemStreamReader<T> {

		private final FlatFileItemReader<T> reader;

		int opened;

		int reads;

		int closed;

		Watched(FlatFileItemReader<T> reader) {
			this.reader = reader;
			setName(reader.getName());
		}

		@Override
		public void open(ExecutionContext context) {
			this.opened++;
			this.reader.open(context);
		}

		@Override
		public @Nullable T read() throws Exception {
			this.reads++;
			return this.reader.read();
		}

		@Override
		public void close() {
			this.closed++;
			this.reader.close();
		}

	}

}
