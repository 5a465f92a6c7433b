package io.chunking.connectors.mongo;

/**
 * A document of a {@link MongoSource} as stored in a chunk payload: Extended JSON keeps the BSON types (object ids,
 * dates, decimals) of the document through the payload's JSON.
 *
 * @param id the document's {@code _id} as relaxed Extended JSON, e.g. <code>{"$oid": "65a1…"}</code>, {@code 42} or
 * {@code "abc"}, for its position
 * @param document the document as Extended JSON, relaxed unless the source asked for canonical
 */
public record MongoRecord(String id, String document) {
}
