package io.chunking.store.startup;

import java.time.Duration;

import io.chunking.store.StoreUnavailableException;

/**
 * A store could not be reached at start-up, within the wait that {@code chunking.startup.wait} allows: the start
 * fails with this exception, which names the store, where it was looked for and the setting that says where.
 */
public class StoreNotReachableException extends StoreUnavailableException {

	private final String location;

	private final String setting;

	private final Duration waited;

	/**
	 * @param store the store, as an operator would name it ("MongoDB", "S3", "the Artemis broker")
	 * @param location where it was looked for: a URL without its password
	 * @param setting the property that sets the location
	 * @param waited how long the start waited for it
	 * @param cause the last failure
	 */
	public StoreNotReachableException(String store, String location, String setting, Duration waited,
			Throwable cause) {
		super(store, store + " at " + location + " could not be reached at start-up"
				+ (waited.isZero() ? "" : " within " + StartupWait.describe(waited)) + ": " + firstLine(cause), cause);
		this.location = location;
		this.setting = setting;
		this.waited = waited;
	}

	/** Where the store was looked for, a URL without its password. */
	public String getLocation() {
		return this.location;
	}

	/** The property that sets the store's location. */
	public String getSetting() {
		return this.setting;
	}

	/** How long the start waited for the store (zero: tried once). */
	public Duration getWaited() {
		return this.waited;
	}

	private static String firstLine(Throwable cause) {
		String message = String.valueOf(cause.getMessage());
		int end = message.indexOf('\n');
		return (end < 0) ? message : message.substring(0, end);
	}

}
