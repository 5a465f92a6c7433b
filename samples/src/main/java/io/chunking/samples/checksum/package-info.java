/**
 * {@code demo-checksum}, the reference workload.
 */
@NullMarked
package io.chunking.samples.checksum;

import org.jspecify.annotations.NullMarked;
