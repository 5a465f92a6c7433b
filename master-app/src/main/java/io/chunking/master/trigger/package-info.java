/**
 * Jobs triggered by JSON messages on a JMS queue: each message launched at most once per idempotency key, and
 * acknowledged only once its execution is recorded.
 */
@NullMarked
package io.chunking.master.trigger;

import org.jspecify.annotations.NullMarked;
