package io.chunking.connectors.s3;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of an S3 object, as the lines and NDJSON sources store it in a chunk payload. Its JSON properties have
 * one-letter names ({@code {"o":"s3://in/events.ndjson","n":42,"t":"..."}}) because a payload holds one per item.
 *
 * @param object URI of the object, {@code s3://bucket/key}
 * @param line line number in the object, from 1
 * @param text the line, without its line break
 */
public record S3Line(@JsonProperty("o") String object, @JsonProperty("n") long line, @JsonProperty("t") String text) {
}
