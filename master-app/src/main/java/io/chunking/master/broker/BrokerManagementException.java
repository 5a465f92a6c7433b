package io.chunking.master.broker;

/**
 * The broker did not answer a management request, or answered that it failed; the message says which and why.
 */
public class BrokerManagementException extends RuntimeException {

	public BrokerManagementException(String message) {
		super(message);
	}

	public BrokerManagementException(String message, Throwable cause) {
		super(message, cause);
	}

}
