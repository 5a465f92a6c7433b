/**
 * {@code demo-files}, a job whose writer is a Spring Batch {@code FlatFileItemWriter}.
 */
@NullMarked
package io.chunking.samples.files;

import org.jspecify.annotations.NullMarked;
