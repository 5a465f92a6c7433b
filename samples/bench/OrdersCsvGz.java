import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a gzip CSV object of orders in the orders samples' format ({@code id,customer,category,amount}) until its
 * compressed size reaches a target, streaming and on every core, as pigz does: blocks of 32,768 rows are made and
 * deflated (zlib level 1) independently by a pool of threads, each ending on a sync flush, and written in order as
 * one gzip member (one header, one CRC-32, one trailer), which any gunzip reads. Each block's rows come from a
 * random generator seeded by the block's number, so the content is deterministic: the same target gives the same
 * object. Alongside it writes {@code <file>.properties}: the line count, the sizes, the speed, and the result the
 * orders jobs must give for it ({@code orders} and {@code centsByCategory} as {@code CategoryTotals} presents them).
 * <p>
 * Rows: {@code id} is {@code o-1}, {@code o-2}, ... (unique); {@code customer} is {@code c-<n>}, half of the rows from
 * 10,000 frequent customers and half from 1,000,000; {@code category} one of 12 with skewed weights; {@code amount}
 * log-uniform from 0.01 to 9,999.99 with two decimals. The random fields give a compression ratio (about 2.7 at
 * level 1) near that of real order data, not that of a repeated line.
 * <p>
 * {@code java samples/bench/OrdersCsvGz.java <file.csv.gz> <compressed MiB> [threads]}. Writes
 * {@code <file>.tmp}, renamed when complete.
 */
public final class OrdersCsvGz {

	static final String HEADER = "id,customer,category,amount\n";

	static final String[] CATEGORIES = { "books", "electronics", "garden", "toys", "grocery", "clothing", "sports",
			"beauty", "automotive", "music", "office", "pets" };

	/** Cumulative weights of the categories, out of 1000. */
	static final int[] CUMULATIVE = cumulative(180, 160, 120, 100, 90, 80, 70, 60, 50, 40, 30, 20);

	static final int ROWS_PER_BLOCK = 32_768;

	static final long SEED = 0x20261128L;

	public static void main(String[] args) throws Exception {
		if (args.length < 2) {
			System.err.println("usage: java OrdersCsvGz.java <file.csv.gz> <compressed MiB> [threads]");
			System.exit(2);
		}
		Path file = Path.of(args[0]);
		long target = (long) (Double.parseDouble(args[1]) * 1024 * 1024);
		int threads = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
		Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
		ExecutorService pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "orders-block");
			thread.setDaemon(true);
			return thread;
		});
		long started = System.nanoTime();
		CRC32 crc = new CRC32();
		long text = 0;
		long written = 0;
		long rows = 0;
		long[] cents = new long[CATEGORIES.length];
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
			// gzip header: magic, deflate, no flags, no mtime, no extra flags, unknown OS
			byte[] header = { 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255 };
			out.write(header);
			written += header.length;
			Block first = Block.of(HEADER.getBytes(StandardCharsets.US_ASCII), 0, new long[CATEGORIES.length]);
			Deque<Future<Block>> ahead = new ArrayDeque<>();
			ahead.add(CompletableFuture.completedFuture(first));
			long next = 0;
			long nextReport = 256L << 20;
			while (written + 10 < target) {
				while (ahead.size() < threads * 3) {
					long number = next++;
					ahead.add(pool.submit(() -> Block.make(number)));
				}
				Block block = ahead.poll().get();
				crc.update(block.text);
				out.write(block.deflated);
				text += block.text.length;
				written += block.deflated.length;
				rows += block.rows;
				for (int i = 0; i < cents.length; i++) {
					cents[i] += block.cents[i];
				}
				if (text >= nextReport) {
					System.err.printf("  %,d MiB of text, %,d MiB gzip, %.0f MB/s of text%n", text >> 20,
							written >> 20, text / 1e6 / ((System.nanoTime() - started) / 1e9));
					nextReport += 1L << 30;
				}
			}
			pool.shutdownNow();
			// an empty final block (fixed Huffman, end of block), then CRC-32 and size mod 2^32, little-endian
			out.write(new byte[] { 3, 0 });
			out.write(littleEndian(crc.getValue()));
			out.write(littleEndian(text & 0xffffffffL));
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		long compressed = Files.size(file);
		StringBuilder sums = new StringBuilder("{");
		String[] names = CATEGORIES.clone();
		Arrays.sort(names);
		for (String name : names) {
			long sum = cents[Arrays.asList(CATEGORIES).indexOf(name)];
			if (sum > 0) {
				sums.append(sums.length() > 1 ? "," : "").append('"').append(name.toUpperCase(Locale.ROOT))
					.append("\":").append(sum);
			}
		}
		sums.append('}');
		Path properties = file.resolveSibling(file.getFileName() + ".properties");
		try (Writer writer = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
			writer.write("rows=" + rows + "\n");
			writer.write("lines=" + (rows + 1) + "\n");
			writer.write("textBytes=" + text + "\n");
			writer.write("gzipBytes=" + compressed + "\n");
			writer.write("threads=" + threads + "\n");
			writer.write("seconds=" + String.format(Locale.ROOT, "%.1f", seconds) + "\n");
			writer.write("textMBperSecond=" + String.format(Locale.ROOT, "%.0f", text / 1e6 / seconds) + "\n");
			writer.write("orders=" + rows + "\n");
			writer.write("centsByCategory=" + sums + "\n");
		}
		System.err.printf(Locale.ROOT, "Wrote %s: %,d rows, %,d bytes of text, %,d bytes gzip (ratio %.2f) in %.1f s "
				+ "on %d threads, %.0f MB/s of text%n", file, rows, text, compressed, (double) text / compressed,
				seconds, threads, text / 1e6 / seconds);
	}

	private static byte[] littleEndian(long value) {
		return new byte[] { (byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24) };
	}

	private static int[] cumulative(int... weights) {
		int[] sums = new int[weights.length];
		int sum = 0;
		for (int i = 0; i < weights.length; i++) {
			sum += weights[i];
			sums[i] = sum;
		}
		if (sum != 1000) {
			throw new IllegalStateException("weights sum to " + sum);
		}
		return sums;
	}

	/** A block of whole lines, its deflated form (ending on a sync flush), its rows and cents per category. */
	record Block(byte[] text, byte[] deflated, long rows, long[] cents) {

		/** Rows {@code number × ROWS_PER_BLOCK + 1} to {@code (number + 1) × ROWS_PER_BLOCK}. */
		static Block make(long number) {
			SplittableRandom random = new SplittableRandom(SEED + number * 0x9E3779B97F4A7C15L);
			byte[][] categories = new byte[CATEGORIES.length][];
			for (int i = 0; i < CATEGORIES.length; i++) {
				categories[i] = CATEGORIES[i].getBytes(StandardCharsets.US_ASCII);
			}
			long[] cents = new long[CATEGORIES.length];
			byte[] b = new byte[ROWS_PER_BLOCK * 64];
			int at = 0;
			long id = number * ROWS_PER_BLOCK;
			for (int row = 0; row < ROWS_PER_BLOCK; row++) {
				b[at++] = 'o';
				b[at++] = '-';
				at = digits(b, at, ++id, 0);
				b[at++] = ',';
				b[at++] = 'c';
				b[at++] = '-';
				at = digits(b, at, random.nextBoolean() ? random.nextInt(10_000) : random.nextInt(1_000_000), 0);
				b[at++] = ',';
				int pick = random.nextInt(1000);
				int category = 0;
				while (CUMULATIVE[category] <= pick) {
					category++;
				}
				System.arraycopy(categories[category], 0, b, at, categories[category].length);
				at += categories[category].length;
				b[at++] = ',';
				long amount = Math.min(999_999, (long) Math.exp(random.nextDouble() * Math.log(1_000_000)));
				cents[category] += amount;
				at = digits(b, at, amount / 100, 0);
				b[at++] = '.';
				at = digits(b, at, amount % 100, 2);
				b[at++] = '\n';
			}
			return of(Arrays.copyOf(b, at), ROWS_PER_BLOCK, cents);
		}

		static Block of(byte[] text, long rows, long[] cents) {
			Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
			deflater.setInput(text);
			byte[] out = new byte[text.length / 2 + 1024];
			int length = 0;
			while (true) {
				length += deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
				if (length < out.length && deflater.needsInput()) {
					break;
				}
				out = Arrays.copyOf(out, out.length * 2);
			}
			deflater.end();
			return new Block(text, Arrays.copyOf(out, length), rows, cents);
		}

		private static int digits(byte[] b, int at, long value, int width) {
			int length = 1;
			for (long v = value; v >= 10; v /= 10) {
				length++;
			}
			length = Math.max(length, width);
			for (int i = at + length - 1; i >= at; i--) {
				b[i] = (byte) ('0' + value % 10);
				value /= 10;
			}
			return at + length;
		}

	}

}
