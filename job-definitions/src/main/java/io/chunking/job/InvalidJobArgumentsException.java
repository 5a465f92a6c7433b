package io.chunking.job;

/**
 * A job parameter failed validation. The message names the parameter and says what is wrong with its value.
 */
public class InvalidJobArgumentsException extends RuntimeException {

	private final String parameter;

	public InvalidJobArgumentsException(String parameter, String problem) {
		super("Parameter '" + parameter + "' " + problem);
		this.parameter = parameter;
	}

	/** Name of the offending parameter. */
	public String getParameter() {
		return this.parameter;
	}

}
