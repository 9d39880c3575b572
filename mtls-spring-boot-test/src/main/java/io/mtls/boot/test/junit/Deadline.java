package io.mtls.boot.test.junit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds or a deadline passes, for tests of what happens
 * asynchronously (a pushed rotation, a reconnection): never sleep-then-assert.
 */
public final class Deadline {

	private static final long POLL_MILLIS = 20;

	private Deadline() {
	}

	/**
	 * Waits until the condition holds.
	 * @param timeout how long to wait at most
	 * @param condition the condition, polled every 20 ms
	 * @throws AssertionError if the condition does not hold within the timeout
	 */
	public static void await(Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError("condition not met within " + timeout);
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

}
