/**
 * S3 objects as a source and a sink of chunked jobs: {@link io.chunking.connectors.s3.S3Source} reads lines, NDJSON
 * or CSV (plain or gzip) from one object or every object under a prefix, {@link io.chunking.connectors.s3.S3Sink}
 * writes one object per chunk attempt and a manifest listing the attempts that count. Both use the caller's
 * {@code S3Client} and work with AWS S3 and any S3-compatible server.
 */
@NullMarked
package io.chunking.connectors.s3;

import org.jspecify.annotations.NullMarked;
