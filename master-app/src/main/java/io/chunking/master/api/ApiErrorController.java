package io.chunking.master.api;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page ({@code /error}) in the API's own JSON: what the servlet container forwards there (a status sent by
 * a filter or by Spring MVC for an unknown path or method) answers {@link ApiError} like the controllers, instead of
 * Spring Boot's default body. The body is written whatever the request's {@code Accept} header says, so the status
 * is never replaced by a 406. Asked for directly, {@code /error} is an unknown path.
 */
@Controller
class ApiErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		int status = (code instanceof Integer value) ? value : HttpStatus.NOT_FOUND.value();
		// An error dispatch is a GET (Servlet 6.1): the original method is an attribute.
		Object method = request.getAttribute(RequestDispatcher.ERROR_METHOD);
		String path = ((method != null) ? method : request.getMethod()) + " "
				+ ((uri != null) ? uri : request.getRequestURI());
		String message;
		if (status == HttpStatus.NOT_FOUND.value()) {
			message = "No endpoint " + path + "; /v3/api-docs lists the API's endpoints";
		}
		else if (status == HttpStatus.METHOD_NOT_ALLOWED.value()) {
			message = "No endpoint " + path + " with this method";
		}
		else if (status >= 500) {
			message = "The master could not answer " + path + " (status " + status + "); its log has the details";
		}
		else {
			Object detail = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
			HttpStatus known = HttpStatus.resolve(status);
			message = "Request " + path + " refused: " + ((detail instanceof String text && !text.isBlank()) ? text
					: (known != null) ? known.getReasonPhrase() : "status " + status);
		}
		new ApiError(ApiError.code(status), message).writeTo(response, status);
	}

}
