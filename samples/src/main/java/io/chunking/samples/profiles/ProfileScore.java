package io.chunking.samples.profiles;

/**
 * A profile's new score, as {@code profiles-rescore} writes it back.
 *
 * @param id the profile's id
 * @param score the new score
 * @param version the scoring version that computed it
 */
public record ProfileScore(long id, long score, long version) {
}
