package io.chunking.store.ratelimit;

import java.util.OptionalLong;

import org.springframework.util.Assert;

/**
 * The shared reservation schedule of rate limits (the "generic cell rate algorithm"): for each limit name, the time of
 * its next free permit. Reserving takes the next free permits, evenly spaced, starting no earlier than the caller's
 * now: permits are never closer than the limit's interval, whichever process reserved them, so no period of the
 * limit holds more than its permits. Permits left unused (a process that reserved and died) are lost, never handed
 * out twice.
 * <p>
 * Times are epoch nanoseconds of the caller's clock: the processes sharing a limit must have synchronised clocks
 * (NTP); a clock ahead by {@code d} delays the others' permits by up to {@code d}.
 */
public interface RateLimitStore {

	/**
	 * Reserves {@code count} consecutive permits of a limit: the first at the later of {@code now} and the limit's
	 * next free permit, the others {@link Rate#intervalNanos()} apart; the limit's next free permit then follows the
	 * last one. A limit not reserved before starts free.
	 * @param now the caller's time, epoch nanoseconds
	 * @param latest the latest the first permit may be, epoch nanoseconds
	 * @return the time of the first permit reserved, epoch nanoseconds; empty if it would be later than
	 * {@code latest}: then nothing is reserved
	 * @throws io.chunking.store.StoreException if the store failed, or the reservation lost every one of its bounded
	 * compare-and-set attempts to other processes
	 */
	OptionalLong reserve(Rate rate, int count, long now, long latest);

	/**
	 * The rate of a limit as the store keeps it.
	 *
	 * @param name the limit's name, shared by every process using it
	 * @param permits permits per period
	 * @param perNanos the period, in nanoseconds
	 */
	record Rate(String name, int permits, long perNanos) {

		public Rate {
			Assert.hasText(name, "name must not be empty");
			Assert.isTrue(permits >= 1, () -> "permits of rate limit '" + name + "' must be at least 1");
			Assert.isTrue(perNanos >= 1, () -> "the period of rate limit '" + name + "' must be positive");
		}

		/** Nanoseconds between two permits, at least 1. */
		public long intervalNanos() {
			return Math.max(1, this.perNanos / this.permits);
		}

	}

}
