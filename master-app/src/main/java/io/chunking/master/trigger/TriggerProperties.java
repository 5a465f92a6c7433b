package io.chunking.master.trigger;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Jobs triggered by JSON messages on a JMS queue ({@code chunking.triggers.*}), a trigger of the master beside the
 * API, the CLI and cron schedules.
 */
@ConfigurationProperties("chunking.triggers")
public class TriggerProperties {

	/** Default name of the trigger queue. */
	public static final String DEFAULT_QUEUE = "chunking.triggers";

	/** Suffix of the rejection queue's name, after the trigger queue's. */
	public static final String REJECTED_SUFFIX = ".rejected";

	/**
	 * Whether this master takes triggers from the queue. Off by default: it opens a way to start jobs to every user
	 * who may send to the queue on the broker, which the API's roles do not govern.
	 */
	private boolean enabled = false;

	/**
	 * Queue the master takes trigger messages from. Messages that can never start a job go to this name followed
	 * by '.rejected'.
	 */
	private String queue = DEFAULT_QUEUE;

	/** Trigger messages this master handles at once (consumers on the queue). */
	private int concurrency = 1;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getQueue() {
		return this.queue;
	}

	public void setQueue(String queue) {
		this.queue = queue;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

}
