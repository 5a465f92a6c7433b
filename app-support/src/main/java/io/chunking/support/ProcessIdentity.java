package io.chunking.support;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;

/**
 * Host name and process id of this JVM, for default ids of masters and workers.
 */
public final class ProcessIdentity {

	private ProcessIdentity() {
	}

	public static String host() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "unknown-host";
		}
	}

	public static long pid() {
		return ManagementFactory.getRuntimeMXBean().getPid();
	}

	public static String hostAndPid() {
		return host() + "-" + pid();
	}

}
