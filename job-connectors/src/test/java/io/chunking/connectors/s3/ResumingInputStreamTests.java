package io.chunking.connectors.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResumingInputStreamTests {

	private final byte[] object = new byte[10_000];

	{
		for (int i = 0; i < this.object.length; i++) {
			this.object[i] = (byte) i;
		}
	}

	@Test
	void brokenReadsResumeFromTheByteReached() throws IOException {
		List<Long> offsets = new ArrayList<>();
		ResumingInputStream.Opener opener = (offset) -> {
			offsets.add(offset);
			return breakingAfter(offset, 3000);
		};
		try (ResumingInputStream in = new ResumingInputStream(opener, 3, 0)) {
			assertThat(in.readAllBytes()).isEqualTo(this.object);
			assertThat(in.offset()).isEqualTo(this.object.length);
		}
		assertThat(offsets).containsExactly(0L, 3000L, 6000L, 9000L);
	}

	@Test
	void resumesAreBounded() throws IOException {
		ResumingInputStream.Opener opener = (offset) -> breakingAfter(offset, 1000);
		try (ResumingInputStream in = new ResumingInputStream(opener, 2, 0)) {
			assertThatIOException().isThrownBy(in::readAllBytes)
				.withMessage("reading broke off at byte 3000 after 2 resumes: connection reset");
		}
	}

	/** The object from {@code offset}, failing after {@code length} bytes unless it ends first. */
	private InputStream breakingAfter(long offset, int length) {
		int from = (int) offset;
		int to = Math.min(from + length, this.object.length);
		InputStream part = new ByteArrayInputStream(Arrays.copyOfRange(this.object, from, to));
		boolean breaks = to < this.object.length;
		return new InputStream() {

			@Override
			public int read() throws IOException {
				int read = part.read();
				if (read < 0 && breaks) {
					throw new IOException("connection reset");
				}
				return read;
			}

			@Override
			public int read(byte[] buffer, int off, int len) throws IOException {
				int read = part.read(buffer, off, len);
				if (read < 0 && breaks) {
					throw new IOException("connection reset");
				}
				return read;
			}

		};
	}

}
