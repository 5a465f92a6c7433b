package io.chunking.store.startup;

import java.util.regex.Pattern;

import org.springframework.core.env.PropertyResolver;

/** Store locations as they may be logged: a URL's password replaced by {@code ***}. */
public final class Locations {

	/** {@code scheme://user:password@host}: the password part. */
	private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^/@:]*:)[^/@]*@");

	/** {@code password=...} in a query or a JDBC URL's properties. */
	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&;]*");

	private Locations() {
	}

	/**
	 * The URL that property {@code name} holds, without its password, for a start-up message; a property that is
	 * unset or does not resolve is named instead.
	 */
	public static String ofProperty(PropertyResolver environment, String name) {
		try {
			String url = environment.getProperty(name);
			return (url != null) ? withoutPassword(url) : "(no " + name + ")";
		}
		catch (IllegalArgumentException ex) {
			return "(" + name + " does not resolve: " + ex.getMessage() + ")";
		}
	}

	/** {@code url} with any password in it replaced by {@code ***}. */
	public static String withoutPassword(String url) {
		String masked = USER_INFO_PASSWORD.matcher(url).replaceAll("$1***@");
		return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
	}

}
