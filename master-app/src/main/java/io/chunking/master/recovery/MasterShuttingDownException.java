package io.chunking.master.recovery;

/**
 * Refuses to start an execution on a master that is handing its executions over because it shuts down. The API
 * answers {@code 503}: the request may be sent to another master, or again once this one is back.
 */
public class MasterShuttingDownException extends IllegalStateException {

	MasterShuttingDownException(String masterId) {
		super("Master " + masterId + " is shutting down and starts no execution; send the request to another master "
				+ "or again once it is back");
	}

}
