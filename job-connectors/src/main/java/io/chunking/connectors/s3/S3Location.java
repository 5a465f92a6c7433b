package io.chunking.connectors.s3;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Where an S3 source reads: one object, or every object whose key starts with a prefix, in a bucket.
 *
 * <pre class="code">
 * S3Location.parse("s3://acme-in/orders/2026-11-28.csv.gz")  // one object
 * S3Location.parse("s3://acme-in/orders/")                   // every object under orders/ (a trailing '/')
 * S3Location.prefix("acme-in", "orders/2026-11-")             // every object whose key starts with orders/2026-11-
 * </pre>
 */
public final class S3Location {

	private static final String SCHEME = "s3://";

	/** Longest key S3 accepts, in UTF-8 bytes. */
	private static final int MAX_KEY_BYTES = 1024;

	/** Bucket names as S3 and its SDK accept them. */
	private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

	private final String bucket;

	private final String key;

	private final boolean prefix;

	private S3Location(String bucket, String key, boolean prefix) {
		checkBucket(bucket);
		checkKey(key, bucket);
		Assert.isTrue(prefix || !key.isEmpty(), () -> "Key of an object in bucket '" + bucket + "' must not be empty");
		Assert.isTrue(prefix || !key.endsWith("/"), () -> "Key '" + key + "' ends with '/': it names a prefix, not "
				+ "an object; use S3Location.prefix(..)");
		this.bucket = bucket;
		this.key = key;
		this.prefix = prefix;
	}

	/**
	 * A location from its URI: {@code s3://bucket/key} is one object, {@code s3://bucket/path/} (a trailing '/')
	 * every object under {@code path/}, {@code s3://bucket} or {@code s3://bucket/} every object of the bucket.
	 */
	public static S3Location parse(String uri) {
		Assert.hasText(uri, "S3 location must not be empty");
		Assert.isTrue(uri.startsWith(SCHEME), () -> "S3 location '" + uri + "' must start with " + SCHEME);
		String rest = uri.substring(SCHEME.length());
		int slash = rest.indexOf('/');
		if (slash < 0) {
			return new S3Location(rest, "", true);
		}
		String key = rest.substring(slash + 1);
		return new S3Location(rest.substring(0, slash), key, key.isEmpty() || key.endsWith("/"));
	}

	/** One object. */
	public static S3Location object(String bucket, String key) {
		return new S3Location(bucket, key, false);
	}

	/**
	 * Every object whose key starts with {@code prefix}, taken literally: {@code orders/} lists the objects in that
	 * folder, {@code orders/2026-} also those of {@code orders/2026-11/}; an empty prefix lists the whole bucket.
	 */
	public static S3Location prefix(String bucket, String prefix) {
		return new S3Location(bucket, prefix, true);
	}

	static void checkBucket(String bucket) {
		Assert.notNull(bucket, "bucket must not be null");
		Assert.isTrue(BUCKET.matcher(bucket).matches() && !bucket.contains(".."), () -> "Bucket name '" + bucket
				+ "' must be 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or "
				+ "digit");
	}

	static void checkKey(String key, String bucket) {
		Assert.notNull(key, "key must not be null");
		Assert.isTrue(!key.startsWith("/"), () -> "Key '" + key + "' in bucket '" + bucket + "' must not start "
				+ "with '/'");
		Assert.isTrue(!key.contains("//"), () -> "Key '" + key + "' in bucket '" + bucket + "' must not contain "
				+ "'//'");
		Assert.isTrue(key.chars().noneMatch(Character::isISOControl), () -> "Key '" + key + "' in bucket '"
				+ bucket + "' must not contain control characters");
		Assert.isTrue(key.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_BYTES, () -> "Key '" + key
				+ "' in bucket '" + bucket + "' is longer than " + MAX_KEY_BYTES + " bytes");
	}

	public String bucket() {
		return this.bucket;
	}

	/** The object's key, or the prefix (possibly empty). */
	public String key() {
		return this.key;
	}

	/** Whether this names every object under a prefix rather than one object. */
	public boolean isPrefix() {
		return this.prefix;
	}

	/** The URI of one object of this location's bucket: {@code s3://bucket/key}. */
	String uriOf(String objectKey) {
		return SCHEME + this.bucket + "/" + objectKey;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof S3Location that) && this.bucket.equals(that.bucket) && this.key.equals(that.key)
				&& this.prefix == that.prefix;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.bucket, this.key, this.prefix);
	}

	/** {@code s3://bucket/key}; a prefix that does not end with '/' is followed by '*'. */
	@Override
	public String toString() {
		boolean open = this.prefix && !this.key.isEmpty() && !this.key.endsWith("/");
		return SCHEME + this.bucket + "/" + this.key + (open ? "*" : "");
	}

}
