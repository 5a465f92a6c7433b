package io.chunking.worker;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

import io.chunking.worker.chunk.ChunkWorker;

/**
 * Logs the port of the worker's actuator endpoints once the server is bound: with the default
 * {@code server.port=0} it is a random free port, and this line is how an operator finds it.
 */
@Component
class ActuatorPortLogger implements ApplicationListener<WebServerInitializedEvent> {

	private static final Log logger = LogFactory.getLog(ActuatorPortLogger.class);

	private final ChunkWorker worker;

	ActuatorPortLogger(ChunkWorker worker) {
		this.worker = worker;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		logger.info("Worker " + this.worker.getWorkerId() + " serves /actuator/health and /actuator/prometheus on port "
				+ event.getWebServer().getPort());
	}

}
