/**
 * Cron schedules of jobs and the scheduler that fires them.
 */
@NullMarked
package io.chunking.master.schedule;

import org.jspecify.annotations.NullMarked;
