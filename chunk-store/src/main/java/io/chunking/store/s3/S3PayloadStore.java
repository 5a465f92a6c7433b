package io.chunking.store.s3;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.chunking.store.ByteRange;
import io.chunking.store.PayloadNotFoundException;
import io.chunking.store.PayloadStore;
import io.chunking.store.StoreException;
import io.chunking.store.StoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.paginators.ListObjectsV2Iterable;

/**
 * {@link PayloadStore} on one S3 bucket, through the AWS SDK v2 synchronous client. Works with AWS S3 and any
 * S3-compatible server (path-style access is a client setting). Failures to reach the server (connection errors,
 * timeouts, 5xx answers left after the SDK's own retries) arrive as {@link StoreUnavailableException}, a missing
 * object as {@link PayloadNotFoundException}, any other failure of the SDK as {@link StoreException}.
 */
public class S3PayloadStore implements PayloadStore {

	private static final Logger logger = LoggerFactory.getLogger(S3PayloadStore.class);

	/** Most keys one DeleteObjects request may name. */
	private static final int DELETE_BATCH = 1000;

	private final S3Client s3;

	private final String bucket;

	public S3PayloadStore(S3Client s3, String bucket) {
		if (bucket == null || bucket.isBlank()) {
			throw new IllegalArgumentException("bucket must not be blank");
		}
		this.s3 = s3;
		this.bucket = bucket;
	}

	/** What {@link StoreUnavailableException#getStore()} names. */
	static final String STORE = "S3";

	@Override
	public void initialize() {
		call("Checking the bucket", () -> {
			initializeBucket();
			return null;
		});
	}

	private void initializeBucket() {
		try {
			this.s3.headBucket((request) -> request.bucket(this.bucket));
		}
		catch (NoSuchBucketException ex) {
			create();
		}
		catch (S3Exception ex) {
			if (ex.statusCode() != 404) {
				throw ex;
			}
			create();
		}
	}

	private void create() {
		try {
			this.s3.createBucket((request) -> request.bucket(this.bucket));
			logger.info("Created bucket '{}'", this.bucket);
		}
		catch (BucketAlreadyOwnedByYouException ex) {
			// Another process created it first.
		}
	}

	@Override
	public void put(String key, byte[] content) {
		call("Writing object '" + key + "'", () -> this.s3.putObject(
				(request) -> request.bucket(this.bucket).key(key).contentLength((long) content.length),
				RequestBody.fromBytes(content)));
	}

	@Override
	public byte[] get(String key) {
		return call("Reading object '" + key + "'", () -> {
			try {
				return this.s3.getObjectAsBytes((request) -> request.bucket(this.bucket).key(key)).asByteArray();
			}
			catch (NoSuchKeyException ex) {
				throw new PayloadNotFoundException(STORE, this.bucket, key, ex);
			}
		});
	}

	@Override
	public byte[] get(String key, ByteRange range) {
		String what = "Reading " + range + " of object '" + key + "'";
		byte[] content = call(what, () -> {
			try {
				return this.s3
					.getObjectAsBytes((request) -> request.bucket(this.bucket)
						.key(key)
						.range("bytes=" + range.offset() + "-" + range.last()))
					.asByteArray();
			}
			catch (NoSuchKeyException ex) {
				throw new PayloadNotFoundException(STORE, this.bucket, key, ex);
			}
			catch (S3Exception ex) {
				if (ex.statusCode() == 416) {
					throw new StoreException(STORE, what + " in bucket '" + this.bucket
							+ "' failed: the object ends before the range", ex);
				}
				throw ex;
			}
		});
		if (content.length != range.length()) {
			// A server answers a range that passes the end of the object with what there is.
			throw new StoreException(STORE, what + " in bucket '" + this.bucket + "' returned " + content.length
					+ " bytes: the object ends before the range", null);
		}
		return content;
	}

	private <T extends @Nullable Object> T call(String what, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SdkClientException ex) {
			throw new StoreUnavailableException(STORE, what + " in bucket '" + this.bucket + "' failed: "
					+ ex.getMessage(), ex);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() >= 500) {
				throw new StoreUnavailableException(STORE, what + " in bucket '" + this.bucket + "' failed: "
						+ ex.getMessage(), ex);
			}
			throw failed(what, ex);
		}
		catch (SdkException ex) {
			throw failed(what, ex);
		}
	}

	private StoreException failed(String what, SdkException ex) {
		return new StoreException(STORE, what + " in bucket '" + this.bucket + "' failed: " + ex.getMessage(), ex);
	}

	@Override
	public void deletePrefix(String prefix) {
		call("Deleting the objects under '" + prefix + "'", () -> {
			deleteAll(prefix);
			return null;
		});
	}

	private void deleteAll(String prefix) {
		ListObjectsV2Iterable pages = this.s3
			.listObjectsV2Paginator((request) -> request.bucket(this.bucket).prefix(prefix));
		for (var page : pages) {
			List<S3Object> contents = page.contents();
			for (int from = 0; from < contents.size(); from += DELETE_BATCH) {
				List<ObjectIdentifier> ids = contents.subList(from, Math.min(from + DELETE_BATCH, contents.size()))
					.stream()
					.map((object) -> ObjectIdentifier.builder().key(object.key()).build())
					.toList();
				this.s3.deleteObjects((request) -> request.bucket(this.bucket).delete(Delete.builder().objects(ids).build()));
			}
		}
	}

}
