package io.mtls.boot.client;

import java.time.Duration;

import io.mtls.boot.core.tls.ClientTls;
import org.jspecify.annotations.Nullable;

/**
 * Tracks the last rotation of the outbound material to tell when connections pooled
 * before it have outlived it by {@code mtls.client.max-connection-age-after-rotation}.
 */
final class RotationAge {

	private final Duration maxAge;

	private volatile @Nullable Rotation last;

	RotationAge(ClientTls tls, Duration maxAge) {
		this.maxAge = maxAge;
		tls.onChange((material) -> this.last = new Rotation(System.nanoTime(), System.currentTimeMillis()));
	}

	/**
	 * Returns whether connections opened at the given time must no longer carry new
	 * requests.
	 * @param openedAt when they were opened ({@link System#nanoTime()})
	 * @return whether a rotation happened since, longer ago than the maximum age
	 */
	boolean expired(long openedAt) {
		Rotation last = this.last;
		return last != null && last.nanos() - openedAt >= 0
				&& System.nanoTime() - last.nanos() >= this.maxAge.toNanos();
	}

	/**
	 * Returns the time to live that makes a pool discard exactly the connections opened
	 * before the last rotation, once the maximum age after it has passed.
	 * @return the time to live in milliseconds (against wall-clock creation times), or
	 * {@code -1} when no connection must be discarded now
	 */
	long timeToLiveMillis() {
		Rotation last = this.last;
		if (last == null || System.nanoTime() - last.nanos() < this.maxAge.toNanos()) {
			return -1;
		}
		return Math.max(0, System.currentTimeMillis() - last.millis());
	}

	private record Rotation(long nanos, long millis) {
	}

}
