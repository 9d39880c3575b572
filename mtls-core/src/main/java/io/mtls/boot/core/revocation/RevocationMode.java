package io.mtls.boot.core.revocation;

/**
 * What the server does when the revocation status of a client certificate cannot be
 * established (a stale CRL, an OCSP responder that is down, slow or answers
 * {@code unknown}).
 */
public enum RevocationMode {

	/** Unknown status refuses the handshake with reason {@code revocation-unknown}. */
	HARD,

	/** Unknown status admits the client; the admission is logged and counted. */
	SOFT,

	/** No CRL or OCSP checks; the deny-list still applies. */
	OFF

}
