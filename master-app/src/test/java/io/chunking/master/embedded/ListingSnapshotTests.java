package io.chunking.master.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * How {@link ListingSnapshot} cuts pages: objects and common prefixes in one name order, resuming after the marker,
 * with the last name as token while entries remain.
 */
class ListingSnapshotTests {

	private final ListingSnapshot snapshot = ListingSnapshot.of(ListObjectsV2Response.builder()
		.contents(object("a"), object("b/"), object("c"), object("e"))
		.commonPrefixes(prefix("b/x/"), prefix("d/"))
		.build());

	@Test
	void objectsAndCommonPrefixesInterleaveInNameOrder() {
		ListObjectsV2Response page = this.snapshot.page(null, 4);

		assertThat(page.contents()).extracting(S3Object::key).containsExactly("a", "b/", "c");
		assertThat(page.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("b/x/");
		assertThat(page.nextContinuationToken()).isEqualTo("c");
		assertThat(page.isTruncated()).isTrue();
	}

	@Test
	void aPageResumesAfterTheMarkerWhetherOrNotItIsAName() {
		assertThat(this.snapshot.page("c", 1000).commonPrefixes()).extracting(CommonPrefix::prefix)
			.containsExactly("d/");
		assertThat(this.snapshot.page("c", 1000).contents()).extracting(S3Object::key).containsExactly("e");
		assertThat(this.snapshot.page("bz", 1).contents()).extracting(S3Object::key).containsExactly("c");
	}

	@Test
	void theLastPageHasNoToken() {
		ListObjectsV2Response page = this.snapshot.page("c", 2);

		assertThat(page.nextContinuationToken()).isNull();
		assertThat(page.isTruncated()).isFalse();
	}

	@Test
	void maxKeysZeroAnswersAnEmptyPageThatIsNotTruncated() {
		ListObjectsV2Response page = this.snapshot.page(null, 0);

		assertThat(page.contents()).isEmpty();
		assertThat(page.commonPrefixes()).isEmpty();
		assertThat(page.isTruncated()).isFalse();
	}

	@Test
	void withoutMaxKeysThePageHoldsEverythingAfterTheMarker() {
		assertThat(this.snapshot.page("a", null).contents()).hasSize(3);
		assertThat(this.snapshot.size()).isEqualTo(6);
	}

	private static S3Object object(String key) {
		return S3Object.builder().key(key).build();
	}

	private static CommonPrefix prefix(String name) {
		return CommonPrefix.builder().prefix(name).build();
	}

}
