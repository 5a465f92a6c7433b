package io.chunking.master.embedded;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

import org.gaul.s3proxy.blobstore.SdkResponses;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Every entry of one listing (a container, prefix and delimiter) as s3proxy's file-system store answered it in
 * one untruncated page, in its order (names compared as strings, objects and common prefixes interleaved), from
 * which any page of that listing is cut in O(log n + page) as the store itself would cut it from a fresh read.
 */
final class ListingSnapshot {

	private final List<String> names;

	private final List<Object> entries;

	private ListingSnapshot(List<Entry> sorted) {
		this.names = new ArrayList<>(sorted.size());
		this.entries = new ArrayList<>(sorted.size());
		for (Entry entry : sorted) {
			this.names.add(entry.name());
			this.entries.add(entry.value());
		}
	}

	/**
	 * The snapshot of a listing from the store's answer to it without max-keys and marker, which holds all of it.
	 */
	static ListingSnapshot of(ListObjectsV2Response whole) {
		List<Entry> sorted = new ArrayList<>(whole.contents().size() + whole.commonPrefixes().size());
		whole.contents().forEach((object) -> sorted.add(new Entry(object.key(), object)));
		whole.commonPrefixes().forEach((prefix) -> sorted.add(new Entry(prefix.prefix(), prefix)));
		// Both lists come sorted: the (stable) merge sort joins the two runs in linear time.
		sorted.sort(Comparator.comparing(Entry::name));
		return new ListingSnapshot(sorted);
	}

	/** How many objects and common prefixes the listing holds. */
	int size() {
		return this.names.size();
	}

	/**
	 * The page after {@code marker} (exclusive; from the start when null) of at most {@code maxKeys} entries (all
	 * when null), with the last entry's name as continuation token when entries remain: the store's paging exactly,
	 * including its answer to max-keys 0 (an empty page that is not truncated).
	 */
	ListObjectsV2Response page(@Nullable String marker, @Nullable Integer maxKeys) {
		int from = (marker != null) ? after(marker) : 0;
		int to = this.entries.size();
		String next = null;
		if (maxKeys != null && to - from > maxKeys) {
			to = from + maxKeys;
			next = (maxKeys > 0) ? this.names.get(to - 1) : null;
		}
		List<S3Object> contents = new ArrayList<>();
		List<CommonPrefix> prefixes = new ArrayList<>();
		for (Object entry : this.entries.subList(from, to)) {
			if (entry instanceof S3Object object) {
				contents.add(object);
			}
			else {
				prefixes.add((CommonPrefix) entry);
			}
		}
		return SdkResponses.objectsPage(contents, prefixes, next);
	}

	private int after(String marker) {
		int found = Collections.binarySearch(this.names, marker);
		return (found >= 0) ? found + 1 : -found - 1;
	}

	private record Entry(String name, Object value) {
	}

}
