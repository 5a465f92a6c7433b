package io.chunking.samples;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.chunking.job.ChunkedJobDefinition;
import io.chunking.samples.checksum.DemoChecksumJob;
import io.chunking.samples.fetchcache.FetchCacheSamplesConfiguration;
import io.chunking.samples.files.DemoFilesJob;
import io.chunking.samples.largeobject.LargeObjectSamplesConfiguration;
import io.chunking.samples.newsletter.NewsletterSamplesConfiguration;
import io.chunking.samples.orders.OrdersSamplesConfiguration;
import io.chunking.samples.profiles.ProfilesSamplesConfiguration;

/**
 * The sample job definitions. Both apps pick them up from {@code samples.jar} on the loader path through this
 * auto-configuration, the same way they pick up a user's jobs jar.
 */
@AutoConfiguration(afterName = "io.chunking.store.autoconfigure.ChunkStoreAutoConfiguration")
@Import({ OrdersSamplesConfiguration.class,
		FetchCacheSamplesConfiguration.class,
		NewsletterSamplesConfiguration.class,
		ProfilesSamplesConfiguration.class,
		LargeObjectSamplesConfiguration.class })
public class SamplesAutoConfiguration {

	@Bean
	ChunkedJobDefinition<String, Long> demoChecksumJob() {
		return DemoChecksumJob.definition();
	}

	@Bean
	ChunkedJobDefinition<String, String> demoFilesJob() {
		return DemoFilesJob.definition();
	}

}
