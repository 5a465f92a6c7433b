/**
 * The API chunked jobs are written against: {@link io.chunking.job.ChunkedJob#named(String)} and the {@link
 * io.chunking.job.ChunkedJobDefinition} it builds.
 */
@NullMarked
package io.chunking.job;

import org.jspecify.annotations.NullMarked;
