/**
 * The master's view of the broker beyond sending requests: its dead-letter queue, read and purged with Artemis
 * management requests over JMS.
 */
@NullMarked
package io.chunking.master.broker;

import org.jspecify.annotations.NullMarked;
