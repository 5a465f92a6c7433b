package io.chunking.master.api;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;

import io.chunking.master.schedule.NoSuchScheduleException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.chunking.job.InvalidJobArgumentsException;
import io.chunking.master.batch.NoSuchChunkedJobException;
import io.chunking.master.recovery.MasterShuttingDownException;
import io.chunking.store.StoreUnavailableException;

/**
 * Maps failures of API calls to JSON {@link ApiError} bodies with the matching status.
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
class ApiExceptionHandler {

	private static final Log logger = LogFactory.getLog(ApiExceptionHandler.class);

	@ExceptionHandler(NoSuchChunkedJobException.class)
	ResponseEntity<ApiError> unknownJob(NoSuchChunkedJobException ex) {
		return error(HttpStatus.NOT_FOUND, "unknown_job", ex.getMessage());
	}

	@ExceptionHandler(NoSuchExecutionException.class)
	ResponseEntity<ApiError> unknownExecution(NoSuchExecutionException ex) {
		return error(HttpStatus.NOT_FOUND, "unknown_execution", ex.getMessage());
	}

	@ExceptionHandler(NoSuchChunkException.class)
	ResponseEntity<ApiError> unknownChunk(NoSuchChunkException ex) {
		return error(HttpStatus.NOT_FOUND, "not_found", ex.getMessage());
	}

	@ExceptionHandler(NoSuchScheduleException.class)
	ResponseEntity<ApiError> unknownSchedule(NoSuchScheduleException ex) {
		return error(HttpStatus.NOT_FOUND, "unknown_schedule", ex.getMessage());
	}

	@ExceptionHandler(InvalidJobArgumentsException.class)
	ResponseEntity<ApiError> invalidParameter(InvalidJobArgumentsException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(new ApiError("invalid_parameter", ex.getMessage(), ex.getParameter()));
	}

	@ExceptionHandler(InvalidRequestException.class)
	ResponseEntity<ApiError> invalidRequest(InvalidRequestException ex) {
		return error(HttpStatus.BAD_REQUEST, "invalid_request", ex.getMessage());
	}

	@ExceptionHandler(ConflictException.class)
	ResponseEntity<ApiError> conflict(ConflictException ex) {
		return error(HttpStatus.CONFLICT, "conflict", ex.getMessage());
	}

	@ExceptionHandler(MasterShuttingDownException.class)
	ResponseEntity<ApiError> shuttingDown(MasterShuttingDownException ex) {
		return error(HttpStatus.SERVICE_UNAVAILABLE, "shutting_down", ex.getMessage());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException ex) {
		return error(HttpStatus.BAD_REQUEST, "invalid_request",
				"The request body is not valid JSON of the form {\"parameters\": {\"name\": \"value\"}}");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiError> badArgument(MethodArgumentTypeMismatchException ex) {
		return error(HttpStatus.BAD_REQUEST, "invalid_request",
				"'" + ex.getValue() + "' is not a valid value for '" + ex.getName() + "'");
	}

	/**
	 * A store the answer needs (the chunk ledger, the payload store) cannot be reached: a condition of the
	 * infrastructure, not a fault of the master, answered 503 and logged in one line.
	 */
	@ExceptionHandler(StoreUnavailableException.class)
	ResponseEntity<ApiError> storeUnavailable(StoreUnavailableException ex) {
		logger.warn("API request could not reach " + ex.getStore() + ": " + ex.getMessage());
		return error(HttpStatus.SERVICE_UNAVAILABLE, "store_unavailable", ex.getStore()
				+ " cannot be reached, so this cannot be answered now; try again once it is back (" + ex.getMessage()
				+ ")");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException ex) {
		String given = (ex.getContentType() != null) ? "'" + ex.getContentType() + "'" : "no content type";
		return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"The request body has " + given + "; send it as application/json");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException ex) {
		// The client refused JSON: answer the status alone, a body it would not accept is not written.
		return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
	}

	/** Anything else is a fault of the master: logged with its stack trace, answered without internals. */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ApiError> unexpected(Exception ex) {
		logger.error("API request failed", ex);
		return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error",
				"The master could not answer: " + ex.getClass().getSimpleName() + "; its log has the details");
	}

	private static ResponseEntity<ApiError> error(HttpStatus status, String code, String message) {
		return ResponseEntity.status(status).body(new ApiError(code, message));
	}

}
