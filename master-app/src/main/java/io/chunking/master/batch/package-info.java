/**
 * The chunked jobs of the master as Spring Batch jobs, and their launching.
 */
@NullMarked
package io.chunking.master.batch;

import org.jspecify.annotations.NullMarked;
