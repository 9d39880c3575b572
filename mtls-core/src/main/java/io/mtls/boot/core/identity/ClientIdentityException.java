package io.mtls.boot.core.identity;

import io.mtls.boot.core.RejectionReason;

/**
 * A client certificate from which no identity, or not the requested part of one, can be
 * taken; {@link #reason()} is a stable code for logs, metrics and error responses.
 */
public class ClientIdentityException extends RuntimeException {

	private final RejectionReason reason;

	/**
	 * Creates a new exception.
	 * @param reason the reason, such as {@link RejectionReason#NO_PRINCIPAL}
	 * @param message what is wrong, for humans
	 */
	public ClientIdentityException(RejectionReason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns the reason: {@code ambiguous-spiffe-id}, {@code ambiguous-common-name},
	 * {@code no-principal}, {@code malformed-certificate} or {@code expired}.
	 * @return the reason
	 */
	public RejectionReason reason() {
		return this.reason;
	}

}
