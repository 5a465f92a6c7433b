/**
 * What the master and worker runtimes read from a job definition to run it. Not for job authors, who declare jobs
 * with {@link io.chunking.job.ChunkedJob#named(String)}.
 */
@NullMarked
package io.chunking.job.spi;

import org.jspecify.annotations.NullMarked;
