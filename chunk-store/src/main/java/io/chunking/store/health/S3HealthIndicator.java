package io.chunking.store.health;

import java.time.Duration;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;

/**
 * UP when the payload bucket answers a {@code HeadBucket} within the timeout.
 */
public class S3HealthIndicator extends AbstractHealthIndicator {

	private final S3Client s3;

	private final String bucket;

	private final Duration timeout;

	public S3HealthIndicator(S3Client s3, String bucket, Duration timeout) {
		super("S3 health check failed");
		this.s3 = s3;
		this.bucket = bucket;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		// Set first, so that a failure names the bucket too.
		builder.withDetail("bucket", this.bucket);
		this.s3.headBucket(HeadBucketRequest.builder()
			.bucket(this.bucket)
			.overrideConfiguration((config) -> config.apiCallTimeout(this.timeout).apiCallAttemptTimeout(this.timeout))
			.build());
		builder.up();
	}

}
