package io.mtls.boot.pki;

/**
 * The X.509 extended key usage purposes (RFC 5280 section 4.2.1.12) a test certificate
 * can carry.
 */
public enum ExtendedKeyUsage {

	/** TLS server authentication (1.3.6.1.5.5.7.3.1). */
	SERVER_AUTH("1.3.6.1.5.5.7.3.1"),

	/** TLS client authentication (1.3.6.1.5.5.7.3.2). */
	CLIENT_AUTH("1.3.6.1.5.5.7.3.2"),

	/** Code signing (1.3.6.1.5.5.7.3.3). */
	CODE_SIGNING("1.3.6.1.5.5.7.3.3"),

	/** E-mail protection, as in S/MIME (1.3.6.1.5.5.7.3.4). */
	EMAIL_PROTECTION("1.3.6.1.5.5.7.3.4"),

	/** The anyExtendedKeyUsage purpose (2.5.29.37.0). */
	ANY("2.5.29.37.0");

	private final String oid;

	ExtendedKeyUsage(String oid) {
		this.oid = oid;
	}

	/**
	 * Returns the dotted object identifier of this purpose, as listed by
	 * {@link java.security.cert.X509Certificate#getExtendedKeyUsage()}.
	 * @return the purpose's object identifier
	 */
	public String oid() {
		return oid;
	}

}
