package io.chunking.connectors.s3;

import java.io.IOException;
import java.io.OutputStream;

/**
 * How the S3 sink encodes its outputs into an object.
 *
 * @param <O> output type
 */
interface OutputFormat<O> {

	/** Name in the manifest and extension of the objects: {@code ndjson} or {@code csv}. */
	String name();

	/** Content type of a plain (not gzip) object. */
	String contentType();

	/** Writes what comes before the first output, e.g. a CSV header line. */
	void writeHeader(OutputStream out) throws IOException;

	/** Appends the encoding of one output; may throw for an output it cannot encode. */
	void encode(O output, OutputStream out) throws IOException;

}
