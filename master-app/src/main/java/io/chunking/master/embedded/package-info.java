/**
 * Embedded servers of the default mode: Artemis, H2, S3 and a Mongo-wire server.
 */
@NullMarked
package io.chunking.master.embedded;

import org.jspecify.annotations.NullMarked;
