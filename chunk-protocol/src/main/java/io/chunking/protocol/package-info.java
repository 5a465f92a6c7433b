/**
 * Chunk requests between the master and the workers: the JSON message, its queues and its dispatch over JMS.
 */
@NullMarked
package io.chunking.protocol;

import org.jspecify.annotations.NullMarked;
