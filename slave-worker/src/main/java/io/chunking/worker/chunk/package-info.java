/**
 * Worker side of a chunked job: claiming a chunk, keeping its lease and running its attempt as a Spring Batch step.
 */
@NullMarked
package io.chunking.worker.chunk;

import org.jspecify.annotations.NullMarked;
