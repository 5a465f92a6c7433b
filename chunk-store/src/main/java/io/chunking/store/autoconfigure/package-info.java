/**
 * Auto-configuration of the chunk store from {@code chunking.store.*} properties.
 */
@NullMarked
package io.chunking.store.autoconfigure;

import org.jspecify.annotations.NullMarked;
