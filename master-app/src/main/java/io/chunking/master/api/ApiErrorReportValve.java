package io.chunking.master.api;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report in the API's JSON: a request that Tomcat refuses before any servlet sees it (a malformed
 * request line, an invalid character or encoded {@code NUL} in the path) answers an {@link ApiError} instead of an
 * HTML page. Errors that reach the application are answered by {@link ApiErrorController}; this valve writes only
 * where nothing was written. Never shows a stack trace or the server's version.
 */
public class ApiErrorReportValve extends ErrorReportValve {

	public ApiErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String reason = response.getMessage();
		String message = "The server refused the request before it reached the API"
				+ ((reason != null && !reason.isBlank()) ? ": " + reason : "")
				+ "; check the path, query and headers for characters that must be percent-encoded";
		try {
			response.setContentType("application/json");
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(new ApiError(ApiError.code(status), message).toJson());
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot take a body: nothing left to report to.
		}
	}

}
