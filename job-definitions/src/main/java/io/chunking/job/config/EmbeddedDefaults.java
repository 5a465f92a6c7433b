package io.chunking.job.config;

/**
 * Defaults of the embedded infrastructure, shared by the master (which hosts it) and the workers (which reach it).
 */
public final class EmbeddedDefaults {

	public static final String HOST = "localhost";

	public static final int BROKER_PORT = 61616;

	public static final int JDBC_PORT = 9092;

	public static final int S3_PORT = 9000;

	public static final int MONGO_PORT = 27017;

	public static final String USER = "chunking";

	public static final String PASSWORD = "chunking-secret";

	private EmbeddedDefaults() {
	}

}
