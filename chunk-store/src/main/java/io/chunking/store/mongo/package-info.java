/**
 * MongoDB implementations of the chunk ledger, run store and worker registry.
 */
@NullMarked
package io.chunking.store.mongo;

import org.jspecify.annotations.NullMarked;
