package io.chunking.master.embedded;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * What s3proxy's file-system store lists by, paging aside: a container, a prefix and a delimiter (each as the
 * client sent it).
 */
record ListingKey(String container, @Nullable String prefix, @Nullable String delimiter) {

	static ListingKey of(ListObjectsV2Request request) {
		return new ListingKey(request.bucket(), request.prefix(), request.delimiter());
	}

	/** The request for the whole listing: no max-keys, no marker. */
	ListObjectsV2Request whole() {
		return ListObjectsV2Request.builder()
			.bucket(this.container)
			.prefix(this.prefix)
			.delimiter(this.delimiter)
			.build();
	}

}
