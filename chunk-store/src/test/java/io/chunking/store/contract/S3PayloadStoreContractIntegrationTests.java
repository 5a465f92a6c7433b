package io.chunking.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.chunking.store.PayloadStore;
import io.chunking.store.StoreException;
import io.chunking.store.StoreUnavailableException;
import io.chunking.store.s3.S3PayloadStore;
import io.chunking.store.testing.SharedStoreServers;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@link S3PayloadStore} against an S3-compatible server over a socket; each test has a bucket of its own.
 */
@ExtendWith(SharedStoreServers.Resolver.class)
class S3PayloadStoreContractIntegrationTests extends PayloadStoreContract {

	private static int buckets;

	private final S3Client s3;

	private final String bucket = "chunks-" + (++buckets);

	S3PayloadStoreContractIntegrationTests(SharedStoreServers servers) {
		this.s3 = servers.s3();
	}

	@Override
	protected PayloadStore createStore() {
		S3PayloadStore store = new S3PayloadStore(this.s3, this.bucket);
		store.initialize();
		return store;
	}

	@Override
	protected String bucket() {
		return this.bucket;
	}

	@Test
	void aMissingBucketIsAStoreExceptionNotAnSdkOne() {
		PayloadStore uninitialized = new S3PayloadStore(this.s3, "no-such-bucket");

		assertThatExceptionOfType(StoreException.class).isThrownBy(() -> uninitialized.put("key", new byte[1]))
			.isNotInstanceOf(StoreUnavailableException.class)
			.withMessageStartingWith("Writing object 'key' in bucket 'no-such-bucket' failed: ")
			.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("S3"));
	}

}
