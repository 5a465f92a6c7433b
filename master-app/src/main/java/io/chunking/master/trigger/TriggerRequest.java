package io.chunking.master.trigger;

import java.util.Map;
import java.util.regex.Pattern;

import io.chunking.master.manager.RunParameters;

/**
 * A trigger message, read and checked: which job to start, with which parameters, once per idempotency key.
 *
 * @param job the job to start
 * @param parameters job parameters by name, as strings (the job's defaults for the others)
 * @param idempotencyKey the caller's key of this trigger
 */
public record TriggerRequest(String job, Map<String, String> parameters, String idempotencyKey) {

	/** Longest idempotency key, in characters. */
	public static final int MAX_KEY_LENGTH = 100;

	/** What an idempotency key is made of: letters, digits, '.', '_', ':' and '-'. */
	static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1," + MAX_KEY_LENGTH + "}");

	/** Prefix of the {@value RunParameters#RUN_ID} of a triggered execution, followed by the idempotency key. */
	public static final String RUN_ID_PREFIX = "trigger:";

	public TriggerRequest {
		parameters = Map.copyOf(parameters);
	}

	/**
	 * The {@value RunParameters#RUN_ID} of the execution: derived from the key alone, so that the same key (and
	 * parameters) finds the job instance it made the first time.
	 */
	public String runId() {
		return RUN_ID_PREFIX + this.idempotencyKey;
	}

}
