/**
 * Health indicators of the MongoDB and S3 stores.
 */
@NullMarked
package io.chunking.store.health;

import org.jspecify.annotations.NullMarked;
