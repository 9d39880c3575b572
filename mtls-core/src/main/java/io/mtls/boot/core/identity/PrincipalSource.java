package io.mtls.boot.core.identity;

/**
 * Which part of a client certificate becomes the principal name of a
 * {@link ClientIdentity}.
 */
public enum PrincipalSource {

	/** The single common name of the subject. */
	CN("common name (CN)"),

	/** The whole subject distinguished name in RFC 2253 form. */
	DN("subject distinguished name"),

	/** The validated SPIFFE ID. */
	SPIFFE_ID("valid SPIFFE ID"),

	/** The first DNS name among the subject alternative names. */
	SAN_DNS("DNS subject alternative name"),

	/** The first e-mail address among the subject alternative names. */
	SAN_EMAIL("e-mail subject alternative name"),

	/** The first URI among the subject alternative names. */
	SAN_URI("URI subject alternative name"),

	/** The SHA-256 fingerprint of the certificate. */
	FINGERPRINT("SHA-256 fingerprint");

	private final String description;

	PrincipalSource(String description) {
		this.description = description;
	}

	/**
	 * Returns what this source takes, for messages.
	 */
	String description() {
		return this.description;
	}

}
