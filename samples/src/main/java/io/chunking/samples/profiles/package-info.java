/**
 * The profile re-scoring sample: fine-grained data (one profile per item, in MongoDB), coarse-grained workers (a
 * chunk of profiles per request). {@code profiles-generate} makes the profiles with the framework itself;
 * {@code profiles-rescore} computes a new score version for every profile still below it and writes it back with a
 * conditional update, so that a chunk that runs again, or an execution restarted after a partial failure, rescores
 * nothing twice: {@code rescoreCount} proves it.
 */
@NullMarked
package io.chunking.samples.profiles;

import org.jspecify.annotations.NullMarked;
