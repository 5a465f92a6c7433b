/**
 * The master application.
 */
@NullMarked
package io.chunking.master;

import org.jspecify.annotations.NullMarked;
