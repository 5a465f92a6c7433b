/**
 * The worker application.
 */
@NullMarked
package io.chunking.worker;

import org.jspecify.annotations.NullMarked;
