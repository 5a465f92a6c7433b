/**
 * JSON encoding of chunk payloads and partial results.
 */
@NullMarked
package io.chunking.protocol.payload;

import org.jspecify.annotations.NullMarked;
