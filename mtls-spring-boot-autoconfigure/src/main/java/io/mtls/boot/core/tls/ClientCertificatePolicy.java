package io.mtls.boot.core.tls;

/**
 * What, beyond a valid chain to a trusted CA, a client certificate must satisfy during
 * the handshake.
 *
 * @param requireClientAuthExtendedKeyUsage whether a leaf that carries an extended key
 * usage extension must list clientAuth (or anyExtendedKeyUsage); a leaf without the
 * extension is accepted, as RFC 5280 allows any use then
 */
public record ClientCertificatePolicy(boolean requireClientAuthExtendedKeyUsage) {

	/** The OID of the clientAuth extended key usage. */
	public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	/** The OID of anyExtendedKeyUsage. */
	public static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

}
