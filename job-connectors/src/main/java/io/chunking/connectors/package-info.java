/**
 * Built-in sources and sinks for chunked jobs: a source is a {@link io.chunking.job.RecordSource} given to
 * {@code ChunkedJob...items(..)}, a sink a {@link io.chunking.job.ChunkSink} given to {@code ...sink(..)}. One package
 * per kind of store: {@code s3}, {@code mongo}, {@code jdbc}, and {@code batch} for Spring Batch's own readers.
 */
@NullMarked
package io.chunking.connectors;

import org.jspecify.annotations.NullMarked;
