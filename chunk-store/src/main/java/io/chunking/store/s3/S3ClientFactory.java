package io.chunking.store.s3;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the S3 client from plain settings, so the same code serves AWS S3 and S3-compatible servers.
 */
public final class S3ClientFactory {

	private S3ClientFactory() {
	}

	/**
	 * @param endpoint endpoint URL, or {@code null} for the AWS endpoint of {@code region}
	 * @param region signing region
	 * @param pathStyle whether to address the bucket in the path (needed by most S3-compatible servers)
	 * @param accessKey access key, or {@code null} for the SDK's default credentials chain
	 * @param secretKey secret key matching {@code accessKey}
	 * @param maxConnections size of the HTTP connection pool
	 * @param timeout time limit of one API call, retries included
	 */
	public static S3Client create(@Nullable URI endpoint, String region, boolean pathStyle, @Nullable String accessKey,
			@Nullable String secretKey, int maxConnections, Duration timeout) {
		AwsCredentialsProvider credentials = (accessKey != null && !accessKey.isBlank())
				? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
				: DefaultCredentialsProvider.builder().build();
		var builder = S3Client.builder()
			.region(Region.of(region))
			.credentialsProvider(credentials)
			.serviceConfiguration(S3Configuration.builder()
				.pathStyleAccessEnabled(pathStyle)
				// Payloads are small and written once; skip the per-chunk signing of streamed bodies.
				.chunkedEncodingEnabled(false)
				.build())
			// Checksums only where the S3 API requires them: objects are small, and TCP plus the JSON codec
			// already reject corrupt payloads.
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.httpClientBuilder(ApacheHttpClient.builder()
				.maxConnections(maxConnections)
				.connectionTimeout(Duration.ofSeconds(5))
				.socketTimeout(timeout))
			.overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(timeout).build());
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

}
