package io.chunking.master.api;

/**
 * The JSON body of every error response of the API.
 *
 * @param error a stable, machine-readable code (e.g. {@code unknown_job}, {@code invalid_parameter})
 * @param message what is wrong and, where it helps, what to do
 */
public record ApiError(String error, String message) {
}
