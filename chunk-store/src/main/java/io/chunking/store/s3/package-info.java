/**
 * S3 implementation of the payload and result store.
 */
@NullMarked
package io.chunking.store.s3;

import org.jspecify.annotations.NullMarked;
