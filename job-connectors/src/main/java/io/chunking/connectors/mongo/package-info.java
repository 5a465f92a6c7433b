/**
 * MongoDB source and sink: {@link MongoSource} pages a collection on {@code _id}, and {@link MongoSink} upserts
 * outputs by a key the job declares.
 */
@NullMarked
package io.chunking.connectors.mongo;

import org.jspecify.annotations.NullMarked;
