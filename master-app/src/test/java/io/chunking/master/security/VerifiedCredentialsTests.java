package io.chunking.master.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.chunking.support.security.ApiSecurityProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class VerifiedCredentialsTests {

	private static final String STORED = "{bcrypt}$2a$10$stored-hash";

	private final AtomicLong nanoTime = new AtomicLong();

	private final ApiSecurityProperties.CredentialCache properties = new ApiSecurityProperties.CredentialCache();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private VerifiedCredentials cache() {
		return new VerifiedCredentials(this.properties, this.meters, this.nanoTime::get);
	}

	@Test
	void aPairIsAcceptedUntilItsTtlEndsAndOnlyAgainstTheSameStoredPassword() {
		this.properties.setTtl(Duration.ofSeconds(10));
		VerifiedCredentials cache = cache();
		assertThat(cache.verified("alice", "secret", STORED)).isFalse();
		cache.remember("alice", "secret", STORED);
		assertThat(cache.verified("alice", "secret", STORED)).isTrue();
		assertThat(cache.holds("alice", "secret")).isTrue();
		assertThat(cache.verified("alice", "wrong", STORED)).isFalse();
		assertThat(cache.verified("bob", "secret", STORED)).isFalse();
		assertThat(cache.verified("alic", "esecret", STORED)).as("user and password are not run together").isFalse();
		assertThat(cache.verified("alice", "secret", "{bcrypt}$2a$10$changed")).as("password changed").isFalse();
		this.nanoTime.addAndGet(Duration.ofSeconds(10).toNanos());
		assertThat(cache.verified("alice", "secret", STORED)).as("expired").isFalse();
		assertThat(cache.holds("alice", "secret")).isFalse();
		assertThat(this.meters.get(VerifiedCredentials.METRIC).tag("cache", "hit").counter().count()).isEqualTo(1);
		assertThat(this.meters.get(VerifiedCredentials.METRIC).tag("cache", "miss").counter().count()).isEqualTo(6);
	}

	@Test
	void aTtlOfZeroTurnsTheCacheOff() {
		this.properties.setTtl(Duration.ZERO);
		VerifiedCredentials cache = cache();
		cache.remember("alice", "secret", STORED);
		assertThat(cache.verified("alice", "secret", STORED)).isFalse();
		assertThat(cache.holds("alice", "secret")).isFalse();
	}

	@Test
	void atMostMaxEntriesPairsAreRemembered() {
		this.properties.setMaxEntries(2);
		VerifiedCredentials cache = cache();
		cache.remember("alice", "a", STORED);
		cache.remember("bob", "b", STORED);
		cache.remember("carol", "c", STORED);
		assertThat(cache.holds("alice", "a")).isFalse();
		assertThat(cache.holds("bob", "b")).isTrue();
		assertThat(cache.holds("carol", "c")).isTrue();
	}

}
