package io.chunking.master.manager;

import java.time.Duration;
import java.time.Instant;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.chunking.master.manager.dispatch.ChunkDispatchException;
import io.chunking.store.StoreUnavailableException;

/**
 * How a supervising execution rides out its stores or its broker being unreachable: each poll that fails for that
 * reason is noted; the first one logs a warning, the first good poll after it logs the recovery, and a failure that
 * has lasted longer than the limit ends the execution with an error that names the store and the setting.
 */
final class OutageTolerance {

	private static final Log logger = LogFactory.getLog(OutageTolerance.class);

	/** The setting that bounds an outage, named in the error. */
	static final String LIMIT_PROPERTY = "chunking.master.store-outage-limit";

	private final Duration limit;

	private final long executionId;

	private @Nullable Instant since;

	OutageTolerance(Duration limit, long executionId) {
		this.limit = limit;
		this.executionId = executionId;
	}

	/** Whether {@code failure} is an outage (rather than a fault of the job or the framework). */
	static boolean isOutage(Throwable failure) {
		return failure instanceof StoreUnavailableException || failure instanceof ChunkDispatchException;
	}

	/**
	 * Notes a poll that failed because a store or the broker could not be reached.
	 * @throws StoreUnavailableException once the outage has lasted longer than the limit
	 */
	void failed(RuntimeException failure, Instant now) {
		String what = what(failure);
		if (this.since == null) {
			this.since = now;
			logger.warn("Execution " + this.executionId + ": " + what + " cannot be reached (" + failure.getMessage()
					+ "); supervision goes on and the execution fails if this lasts longer than " + this.limit + " ("
					+ LIMIT_PROPERTY + ")");
		}
		Duration lasted = Duration.between(this.since, now);
		if (lasted.compareTo(this.limit) > 0) {
			throw new StoreUnavailableException(what, what + " could not be reached for " + lasted.toSeconds()
					+ " s, longer than " + this.limit + " (" + LIMIT_PROPERTY + "); restart the execution once it is "
					+ "back: " + failure.getMessage(), failure);
		}
	}

	/** Notes a poll that succeeded: an outage, if any, is over. */
	void succeeded(Instant now) {
		if (this.since != null) {
			logger.info("Execution " + this.executionId + ": stores and broker answer again after "
					+ Duration.between(this.since, now).toSeconds() + " s");
			this.since = null;
		}
	}

	private static String what(RuntimeException failure) {
		return (failure instanceof StoreUnavailableException unavailable) ? unavailable.getStore() : "the JMS broker";
	}

}
