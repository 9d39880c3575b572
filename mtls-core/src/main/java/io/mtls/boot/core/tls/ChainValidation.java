package io.mtls.boot.core.tls;

/**
 * How strictly client certificate chains are validated beyond RFC 5280's path validation
 * algorithm.
 */
public enum ChainValidation {

	/**
	 * RFC 5280's MUSTs, including those OpenSSL enforces by default: the trusted root's
	 * own validity, key usage, name constraints and critical extensions; name constraints
	 * only in CA certificates and marked critical; no malformed names under name
	 * constraints and no malformed constraints.
	 */
	STANDARD,

	/**
	 * Standard, plus the RFC 5280 profile rules {@code openssl verify -x509_strict}
	 * applies: an authority key identifier in every certificate but a self-signed root, a
	 * subject key identifier in every CA, critical basic constraints in every CA, and
	 * keyCertSign only in CAs.
	 */
	STRICT

}
