package io.chunking.master.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.LongSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chunking.support.security.ApiSecurityProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * User and password pairs whose password hash was verified less than {@code ttl} ago, so that a client sending HTTP
 * Basic credentials with every request pays a bcrypt computation (tens of milliseconds of CPU) once per TTL instead
 * of once per request.
 * <p>
 * Neither password is kept: an entry is keyed by an HMAC-SHA256, under a random key of this process, of the user
 * name and presented password, and holds an HMAC of the stored password hash it was verified against. A changed
 * password no longer matches that HMAC and is verified again; a removed user is not found before the cache is
 * consulted. At most {@code maxEntries} pairs are remembered, the least recently used forgotten beyond that.
 * <p>
 * Each check counts in {@value #METRIC}: {@code cache=hit} accepted from here, {@code cache=miss} the password hash
 * is to be computed.
 */
final class VerifiedCredentials {

	/** Counter of password checks of known users, tagged {@code cache} ({@code hit} or {@code miss}). */
	static final String METRIC = "chunking.api.password.checks";

	private static final String ALGORITHM = "HmacSHA256";

	private final Counter hits;

	private final Counter misses;

	private final long ttlNanos;

	private final LongSupplier nanoTime;

	private final SecretKeySpec key;

	private final RecentEntries<String, Entry> entries;

	VerifiedCredentials(ApiSecurityProperties.CredentialCache properties, MeterRegistry meters,
			LongSupplier nanoTime) {
		if (properties.getTtl().isNegative()) {
			throw new IllegalArgumentException("chunking.security.credential-cache.ttl must not be negative, was "
					+ properties.getTtl());
		}
		this.ttlNanos = properties.getTtl().toNanos();
		this.nanoTime = nanoTime;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, ALGORITHM);
		this.entries = new RecentEntries<>(properties.getMaxEntries());
		this.hits = counter(meters, "hit");
		this.misses = counter(meters, "miss");
	}

	private static Counter counter(MeterRegistry meters, String cache) {
		return Counter.builder(METRIC)
			.description("Password checks of API logins: hit = accepted from the credential cache, miss = hashed")
			.tag("cache", cache)
			.register(meters);
	}

	/** Whether the cache is on (a TTL above zero). */
	boolean enabled() {
		return this.ttlNanos > 0;
	}

	/** Whether the pair was verified within the TTL, against whatever stored password. */
	boolean holds(String user, @Nullable String presented) {
		return enabled() && presented != null && current(hmac(user, presented)) != null;
	}

	/** Whether the pair was verified within the TTL against this very stored password (hash); counted. */
	boolean verified(String user, @Nullable String presented, String stored) {
		Entry entry = (enabled() && presented != null) ? current(hmac(user, presented)) : null;
		boolean hit = entry != null && MessageDigest.isEqual(entry.stored(), hmac(stored));
		(hit ? this.hits : this.misses).increment();
		return hit;
	}

	/** Records that the pair matched the stored password (hash) just now. */
	void remember(String user, @Nullable String presented, String stored) {
		if (!enabled() || presented == null) {
			return;
		}
		Entry entry = new Entry(hmac(stored), this.nanoTime.getAsLong() + this.ttlNanos);
		String id = HexFormat.of().formatHex(hmac(user, presented));
		synchronized (this.entries) {
			this.entries.put(id, entry);
		}
	}

	private @Nullable Entry current(byte[] hmac) {
		String id = HexFormat.of().formatHex(hmac);
		synchronized (this.entries) {
			Entry entry = this.entries.get(id);
			if (entry != null && entry.expiresAt() - this.nanoTime.getAsLong() <= 0) {
				this.entries.remove(id);
				return null;
			}
			return entry;
		}
	}

	private byte[] hmac(String user, String presented) {
		byte[] name = user.getBytes(StandardCharsets.UTF_8);
		byte[] password = presented.getBytes(StandardCharsets.UTF_8);
		// Length-prefixed: ("ab", "c") and ("a", "bc") must not share a key.
		return hmac(ByteBuffer.allocate(4 + name.length + password.length)
			.putInt(name.length)
			.put(name)
			.put(password)
			.array());
	}

	private byte[] hmac(String stored) {
		return hmac(stored.getBytes(StandardCharsets.UTF_8));
	}

	private byte[] hmac(byte[] data) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(data);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ALGORITHM + " is not available in this JVM", ex);
		}
	}

	private record Entry(byte[] stored, long expiresAt) {
	}

}
