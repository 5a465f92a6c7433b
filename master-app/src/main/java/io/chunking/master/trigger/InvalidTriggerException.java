package io.chunking.master.trigger;

/**
 * A trigger message that can never start a job, whatever the state of the master: the message says what is wrong
 * and where, the error is the code the REST API gives for the same fault.
 */
public class InvalidTriggerException extends RuntimeException {

	/** The message is not a trigger: not JSON text, a field missing or of the wrong kind. */
	public static final String INVALID_REQUEST = "invalid_request";

	/** The job named is not one this master knows. */
	public static final String UNKNOWN_JOB = "unknown_job";

	/** A parameter failed the job's validation. */
	public static final String INVALID_PARAMETER = "invalid_parameter";

	/** The idempotency key started an execution of the job with other parameters. */
	public static final String KEY_CONFLICT = "idempotency_conflict";

	private final String error;

	public InvalidTriggerException(String error, String message) {
		super(message);
		this.error = error;
	}

	/**
	 * A stable, machine-readable code: {@value #INVALID_REQUEST}, {@value #UNKNOWN_JOB}, {@value #INVALID_PARAMETER}
	 * or {@value #KEY_CONFLICT}.
	 */
	public String getError() {
		return this.error;
	}

}
