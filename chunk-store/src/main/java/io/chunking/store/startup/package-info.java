/**
 * Reaching the stores at start-up: a store that is down fails the start at once with a message naming the store,
 * where it was looked for and the setting that says so, or, when {@code chunking.startup.wait} allows it, is tried
 * again with a logged, bounded wait.
 */
@NullMarked
package io.chunking.store.startup;

import org.jspecify.annotations.NullMarked;
