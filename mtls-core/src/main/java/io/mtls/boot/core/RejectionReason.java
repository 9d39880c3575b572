package io.mtls.boot.core;

/**
 * Why a client certificate, or a request presenting one, was refused; or, for outbound
 * calls, why the called server's certificate was. The {@link #code() code} is public API:
 * it appears in handshake log lines, in the {@code reason} member of 401/403 problem
 * responses, in {@code /actuator/mtls}, as the {@code reason} tag of the
 * {@code mtls.authentication} and {@code mtls.client.handshake} counters, and in the
 * message of a refused outbound call.
 */
public enum RejectionReason {

	/** The chain does not lead to a trusted CA, or a certificate in it is invalid. */
	UNTRUSTED("untrusted", Stage.HANDSHAKE),

	/** A certificate of the chain is past its notAfter. */
	EXPIRED("expired", Stage.HANDSHAKE),

	/** A certificate of the chain is before its notBefore. */
	NOT_YET_VALID("not-yet-valid", Stage.HANDSHAKE),

	/** The client certificate's extended key usage does not allow clientAuth. */
	EKU("eku", Stage.HANDSHAKE),

	/** A name in the chain violates a CA's name constraints, or they are misplaced. */
	NAME_CONSTRAINTS("name-constraints", Stage.HANDSHAKE),

	/** A certificate of the chain has a critical extension the server does not know. */
	CRITICAL_EXTENSION("critical-extension", Stage.HANDSHAKE),

	/** A name or name constraint in the chain is malformed where constraints apply. */
	MALFORMED_NAME("malformed-name", Stage.HANDSHAKE),

	/** The chain breaks an RFC 5280 profile rule of strict validation. */
	PROFILE("profile", Stage.HANDSHAKE),

	/**
	 * Outbound: the called server's certificate names neither the host nor the IP address
	 * that was called.
	 */
	HOSTNAME("hostname", Stage.HANDSHAKE),

	/**
	 * Outbound: the called server's certificate does not match
	 * {@code mtls.client.server-identity}.
	 */
	SERVER_IDENTITY("server-identity", Stage.HANDSHAKE),

	/**
	 * Outbound: the called server refused this service's certificate, with a TLS alert
	 * or, as nginx does, with a 400 response naming the certificate.
	 */
	REFUSED_BY_SERVER("refused-by-server", Stage.HANDSHAKE),

	/** A certificate of the chain is revoked by its CA's CRL or OCSP responder. */
	REVOKED("revoked", Stage.HANDSHAKE),

	/**
	 * The revocation status of a certificate of the chain cannot be established (stale
	 * CRL, OCSP responder down or slow) and {@code mtls.revocation.mode} is {@code hard}.
	 */
	REVOCATION_UNKNOWN("revocation-unknown", Stage.HANDSHAKE),

	/** A certificate of the chain is on the deny-list ({@code mtls.revocation.deny}). */
	DENIED("denied", Stage.HANDSHAKE),

	/**
	 * The client certificate's SPIFFE ID, or outbound the called server's, is missing or
	 * not in a trust domain of {@code mtls.spiffe.accept.trust-domains}.
	 */
	TRUST_DOMAIN("trust-domain", Stage.HANDSHAKE),

	/** The subject has more than one common name. */
	AMBIGUOUS_COMMON_NAME("ambiguous-common-name", Stage.AUTHENTICATION),

	/** The certificate has more than one {@code spiffe://} URI SAN. */
	AMBIGUOUS_SPIFFE_ID("ambiguous-spiffe-id", Stage.AUTHENTICATION),

	/** The certificate has no value for the configured principal attribute. */
	NO_PRINCIPAL("no-principal", Stage.AUTHENTICATION),

	/** An extension the identity needs cannot be parsed. */
	MALFORMED_CERTIFICATE("malformed-certificate", Stage.AUTHENTICATION),

	/** A resource that needs a client certificate was requested without one. */
	NO_CERTIFICATE("no-certificate", Stage.AUTHENTICATION),

	/** A client certificate was forwarded by a peer that is not a trusted proxy. */
	UNTRUSTED_PROXY("untrusted-proxy", Stage.AUTHENTICATION),

	/** A forwarded client certificate header cannot be decoded. */
	MALFORMED_FORWARDED_CERTIFICATE("malformed-forwarded-certificate", Stage.AUTHENTICATION),

	/** Authentication failed for another reason. */
	UNAUTHENTICATED("unauthenticated", Stage.AUTHENTICATION),

	/** The authenticated client lacks the authority the resource requires. */
	FORBIDDEN("forbidden", Stage.AUTHORIZATION);

	private final String code;

	private final Stage stage;

	RejectionReason(String code, Stage stage) {
		this.code = code;
		this.stage = stage;
	}

	/**
	 * Returns the stable, kebab-case code.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns where the refusal happens.
	 * @return the stage
	 */
	public Stage stage() {
		return this.stage;
	}

	@Override
	public String toString() {
		return this.code;
	}

	/**
	 * Where a refusal happens.
	 */
	public enum Stage {

		/** During the TLS handshake: the connection is closed. */
		HANDSHAKE,

		/** When a request is authenticated: answered with 401. */
		AUTHENTICATION,

		/** When a request is authorized: answered with 403. */
		AUTHORIZATION

	}

}
