package io.mtls.boot.core.identity;

/**
 * A client certificate from which no identity, or not the requested part of one, can be
 * taken; {@link #reason()} is a stable code for logs, metrics and error responses.
 */
public class ClientIdentityException extends RuntimeException {

	private final String reason;

	/**
	 * Creates a new exception.
	 * @param reason the stable kebab-case reason code, such as {@code no-principal}
	 * @param message what is wrong, for humans
	 */
	public ClientIdentityException(String reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns the stable reason code: {@code ambiguous-spiffe-id},
	 * {@code ambiguous-common-name}, {@code no-principal} or
	 * {@code malformed-certificate}.
	 * @return the kebab-case reason code
	 */
	public String reason() {
		return this.reason;
	}

}
