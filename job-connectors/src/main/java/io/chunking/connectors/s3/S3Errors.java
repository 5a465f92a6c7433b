package io.chunking.connectors.s3;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a failed S3 call means, in words an operator can act on, for the messages of the S3 source and sink.
 */
final class S3Errors {

	/** Error codes S3 answers when it refuses the caller's credentials or permissions. */
	private static final Set<String> REFUSED = Set.of("AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch",
			"ExpiredToken", "InvalidToken", "TokenRefreshRequired", "AllAccessDisabled", "AccountProblem");

	private S3Errors() {
	}

	/**
	 * The problem of a failed call on {@code bucket}, e.g. {@code bucket 'in' does not exist}.
	 */
	static String problem(SdkException ex, String bucket) {
		if (ex instanceof NoSuchBucketException) {
			return noBucket(bucket);
		}
		if (ex instanceof NoSuchKeyException) {
			return "no such object";
		}
		if (ex instanceof S3Exception failed) {
			AwsErrorDetails details = failed.awsErrorDetails();
			String code = (details != null && details.errorCode() != null) ? details.errorCode() : "";
			String message = (details != null && details.errorMessage() != null) ? details.errorMessage()
					: failed.getMessage();
			if (code.equals("NoSuchBucket")) {
				return noBucket(bucket);
			}
			if (code.equals("NoSuchKey")) {
				return "no such object";
			}
			if (REFUSED.contains(code) || failed.statusCode() == 403) {
				return "access refused (" + (code.isEmpty() ? "HTTP 403" : code) + ": " + message
						+ "); check the S3 client's credentials and its permissions on bucket '" + bucket + "'";
			}
			return "S3 answered HTTP " + failed.statusCode() + (code.isEmpty() ? "" : " " + code) + ": " + message;
		}
		if (ex instanceof SdkClientException) {
			return "S3 could not be reached: " + ex.getMessage();
		}
		return ex.getMessage();
	}

	private static String noBucket(String bucket) {
		return "bucket '" + bucket + "' does not exist";
	}

}
