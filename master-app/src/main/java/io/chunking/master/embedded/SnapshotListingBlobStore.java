package io.chunking.master.embedded;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;

import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.CreateBucketResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningRequest;
import software.amazon.awssdk.services.s3.model.PutBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * s3proxy's file-system store with listings that cost O(page) per page instead of a read and sort of the whole
 * prefix per page. The store answers each page of a listing (ListObjectsV2 and V1 alike, V1 being served over it) by
 * reading every file under the prefix, sorting them and cutting the page, so listing n objects in pages of 1,000 cost
 * O(n² log n / 1,000). Here the first page of a listing reads it whole once and keeps the sorted entries
 * ({@link ListingSnapshot}); the following pages are cut from them. Pages are the store's own: the same objects
 * with the same metadata, common prefixes, order, tokens and truncation.
 * <p>
 * A snapshot is dropped when the server writes to its container (puts, copies, deletes, completed multipart
 * uploads, bucket changes) and 30 seconds after it was taken; at most {@value #KEPT_LISTINGS} listings are kept.
 * Files changed under the store's directory by anything but this server show in listings after at most those 30
 * seconds. Everything but listing goes to the store unchanged.
 */
final class SnapshotListingBlobStore extends ForwardingBlobStore {

	/** How many listings are kept at once. */
	static final int KEPT_LISTINGS = 4;

	/** How long a snapshot is served after it was taken. */
	static final Duration SNAPSHOT_TIME_TO_LIVE = Duration.ofSeconds(30);

	private final ListingSnapshots snapshots;

	SnapshotListingBlobStore(BlobStore store) {
		this(store, new ListingSnapshots(KEPT_LISTINGS, SNAPSHOT_TIME_TO_LIVE, Clock.systemUTC()));
	}

	SnapshotListingBlobStore(BlobStore store, ListingSnapshots snapshots) {
		super(store);
		this.snapshots = snapshots;
	}

	@Override
	public ListObjectsV2Response list(ListObjectsV2Request request) {
		ListingKey listing = ListingKey.of(request);
		String marker = (request.continuationToken() != null) ? request.continuationToken() : request.startAfter();
		ListingSnapshot snapshot = this.snapshots.find(listing);
		if (snapshot != null) {
			return snapshot.page(marker, request.maxKeys());
		}
		long generation = this.snapshots.generation(listing.container());
		snapshot = ListingSnapshot.of(delegate().list(listing.whole()));
		ListObjectsV2Response page = snapshot.page(marker, request.maxKeys());
		if (Boolean.TRUE.equals(page.isTruncated())) {
			this.snapshots.keep(listing, generation, snapshot);
		}
		return page;
	}

	@Override
	public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
		return writing(request.bucket(), () -> super.putBlob(request, payload));
	}

	@Override
	public CopyObjectResponse copyBlob(CopyObjectRequest request) {
		return writing(request.destinationBucket(), () -> super.copyBlob(request));
	}

	@Override
	public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
		return writing(request.bucket(), () -> super.removeBlob(request));
	}

	@Override
	public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
		return writing(request.bucket(), () -> super.removeBlobs(request));
	}

	@Override
	public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
			CompleteMultipartUploadRequest request) {
		return writing(upload.containerName(), () -> super.completeMultipartUpload(upload, request));
	}

	@Override
	public CreateBucketResponse createContainer(CreateBucketRequest request) {
		return writing(request.bucket(), () -> super.createContainer(request));
	}

	@Override
	public PutBucketVersioningResponse putBucketVersioning(PutBucketVersioningRequest request) {
		return writing(request.bucket(), () -> super.putBucketVersioning(request));
	}

	@Override
	public void clearContainer(ListObjectsV2Request request) {
		writing(request.bucket(), () -> {
			super.clearContainer(request);
			return null;
		});
	}

	@Override
	public void deleteContainer(String container) {
		writing(container, () -> {
			super.deleteContainer(container);
			return null;
		});
	}

	@Override
	public void deleteBucket(String container) {
		writing(container, () -> {
			super.deleteBucket(container);
			return null;
		});
	}

	/** Runs a write, then forgets the container's listings, also when the write failed half-way. */
	private <T> T writing(String container, Supplier<T> write) {
		try {
			return write.get();
		}
		finally {
			this.snapshots.invalidate(container);
		}
	}

}
