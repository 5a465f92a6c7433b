package io.chunking.store.mongo;

import java.util.function.Supplier;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoServerUnavailableException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.jspecify.annotations.Nullable;

import io.chunking.store.StoreException;
import io.chunking.store.StoreUnavailableException;

/**
 * Runs MongoDB calls and turns the driver's exceptions into the store's, so that none leaks through the store
 * interfaces: "cannot reach the server" (socket errors, server selection timeouts, a primary stepping down, errors
 * labelled retryable) into {@link StoreUnavailableException}, any other (a malformed query, a write refused) into
 * {@link StoreException}. An action that expects a driver exception (a duplicate key on an upsert) catches it itself.
 */
final class MongoCalls {

	static final String STORE = "MongoDB";

	private MongoCalls() {
	}

	static <T extends @Nullable Object> T call(String what, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (MongoException ex) {
			if (isUnavailable(ex)) {
				throw new StoreUnavailableException(STORE, what + " failed: " + ex.getMessage(), ex);
			}
			throw new StoreException(STORE, what + " failed: " + ex.getMessage(), ex);
		}
	}

	static void run(String what, Runnable action) {
		call(what, () -> {
			action.run();
			return null;
		});
	}

	static boolean isUnavailable(MongoException ex) {
		return ex instanceof MongoSocketException || ex instanceof MongoTimeoutException
				|| ex instanceof MongoNotPrimaryException || ex instanceof MongoNodeIsRecoveringException
				|| ex instanceof MongoConnectionPoolClearedException || ex instanceof MongoServerUnavailableException
				|| ex.hasErrorLabel("RetryableWriteError")
				|| ex.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL);
	}

}
