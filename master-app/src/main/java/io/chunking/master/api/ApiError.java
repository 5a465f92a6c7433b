package io.chunking.master.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body of every error response of the API.
 *
 * @param error a stable, machine-readable code (e.g. {@code unknown_job}, {@code invalid_parameter})
 * @param message what is wrong and, where it helps, what to do
 * @param parameter the job parameter that is wrong, for a client to show the message next to it; omitted from the
 * JSON when the error is not about one
 */
public record ApiError(String error, String message,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String parameter) {

	/** An error that is not about one job parameter. */
	public ApiError(String error, String message) {
		this(error, message, null);
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/**
	 * The code of an error known only by its status, where no handler of the API named it (errors of the security
	 * filters, of Tomcat, of unknown paths): {@code invalid_request} for 400, {@code internal_error} for 5xx, else
	 * the status's name ({@code not_found}, {@code method_not_allowed}, ...).
	 */
	public static String code(int status) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			return "invalid_request";
		}
		if (status >= 500) {
			return "internal_error";
		}
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.name().toLowerCase(java.util.Locale.ROOT) : "error";
	}

	/** This error as JSON text; the message is escaped (it may hold user input such as a path). */
	public String toJson() {
		return JSON.writeValueAsString(this);
	}

	/** Writes this error as the body of {@code response} with the status, outside Spring MVC (filters, handlers). */
	public void writeTo(HttpServletResponse response, int status) throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(toJson());
	}

}
