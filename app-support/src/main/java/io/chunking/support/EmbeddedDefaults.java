package io.chunking.support;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Defaults of the embedded infrastructure, shared by the master (which hosts it) and the workers (which reach it).
 * There is no default password: the master generates one (see {@link EmbeddedCredentials}).
 */
public final class EmbeddedDefaults {

	public static final String HOST = "localhost";

	/** Host of the Mongo-wire server when {@link #HOST} is opened beyond loopback: it has no authentication. */
	public static final String LOOPBACK = "127.0.0.1";

	public static final String DATA_DIR = "chunking-data";

	public static final int BROKER_PORT = 61616;

	public static final int JDBC_PORT = 9092;

	public static final int S3_PORT = 9000;

	public static final int MONGO_PORT = 27017;

	public static final String USER = "chunking";

	/** Name of the job repository database of the embedded H2 server. */
	public static final String JDBC_DATABASE = "chunking";

	private EmbeddedDefaults() {
	}

	/**
	 * The default host of the Mongo-wire server, which has no authentication: {@code host} (that of the other
	 * embedded servers) when it is a loopback address, {@link #LOOPBACK} otherwise.
	 */
	public static String mongoHost(String host) {
		return isLoopback(host) ? host : LOOPBACK;
	}

	/** Whether the host names the loopback interface ({@code localhost}, {@code 127.0.0.1}, {@code ::1}). */
	public static boolean isLoopback(String host) {
		try {
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
