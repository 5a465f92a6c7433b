/**
 * Contracts of the chunk store: the payload and result store, the chunk ledger, the run store and the worker
 * registry, with their records and the retry of store calls over outages.
 */
@NullMarked
package io.chunking.store;

import org.jspecify.annotations.NullMarked;
