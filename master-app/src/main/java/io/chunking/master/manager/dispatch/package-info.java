/**
 * How the manager sends chunk requests to the workers: over JMS, one queue per job, in transacted batches.
 */
@NullMarked
package io.chunking.master.manager.dispatch;

import org.jspecify.annotations.NullMarked;
