package io.mtls.boot.core.reload;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of the most recent reloads of server material.
 *
 * @param lastSuccess when material was last loaded successfully (initially: startup), or
 * {@code null}
 * @param lastFailure when the last reload failed, or {@code null}
 * @param lastFailureReason why the last reload failed, or {@code null}
 * @param reloads how many reloads replaced the material
 * @param failures how many reloads failed
 */
public record ReloadStatus(Instant lastSuccess, @Nullable Instant lastFailure, @Nullable String lastFailureReason,
		long reloads, long failures) {

	/**
	 * Returns the status after a successful reload.
	 * @param at when it happened
	 * @return the new status
	 */
	public ReloadStatus succeeded(Instant at) {
		return new ReloadStatus(at, this.lastFailure, this.lastFailureReason, this.reloads + 1, this.failures);
	}

	/**
	 * Returns the status after a failed reload.
	 * @param at when it happened
	 * @param reason why it failed
	 * @return the new status
	 */
	public ReloadStatus failed(Instant at, String reason) {
		return new ReloadStatus(this.lastSuccess, at, reason, this.reloads, this.failures + 1);
	}

}
