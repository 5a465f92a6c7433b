/**
 * In-memory backends of the store contracts, held to the same contract tests as the MongoDB and S3 ones; for fast tests
 * of the manager and worker logic and of a user's jobs, never for production (nothing survives the process).
 */
@NullMarked
package io.chunking.store.memory;

import org.jspecify.annotations.NullMarked;
