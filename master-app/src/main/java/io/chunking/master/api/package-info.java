/**
 * The master's REST API under {@code /api}.
 */
@NullMarked
package io.chunking.master.api;

import org.jspecify.annotations.NullMarked;
