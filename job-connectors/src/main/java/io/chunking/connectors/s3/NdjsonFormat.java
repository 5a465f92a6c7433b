package io.chunking.connectors.s3;

import java.io.IOException;
import java.io.OutputStream;

import tools.jackson.databind.json.JsonMapper;

/**
 * Outputs as newline-delimited JSON, one value per line, written with Jackson.
 */
record NdjsonFormat<O>(JsonMapper json) implements OutputFormat<O> {

	@Override
	public String name() {
		return "ndjson";
	}

	@Override
	public String contentType() {
		return "application/x-ndjson";
	}

	@Override
	public void writeHeader(OutputStream out) {
	}

	@Override
	public void encode(O output, OutputStream out) throws IOException {
		out.write(this.json.writeValueAsBytes(output));
		out.write('\n');
	}

}
