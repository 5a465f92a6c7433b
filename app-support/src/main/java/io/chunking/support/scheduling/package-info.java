/**
 * The one scheduler for the periodic work of a process (lease renewal, heartbeats, recovery, cron).
 */
@NullMarked
package io.chunking.support.scheduling;

import org.jspecify.annotations.NullMarked;
