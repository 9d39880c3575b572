package io.mtls.boot.pki;

/**
 * The X.509 key usage bits (RFC 5280 section 4.2.1.3) a test certificate can carry.
 */
public enum KeyUsage {

	/** The key verifies digital signatures other than on certificates and CRLs. */
	DIGITAL_SIGNATURE(org.bouncycastle.asn1.x509.KeyUsage.digitalSignature),

	/**
	 * The key verifies signatures meant to provide non-repudiation (content commitment).
	 */
	NON_REPUDIATION(org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation),

	/** The key encrypts keys, as in RSA key transport. */
	KEY_ENCIPHERMENT(org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment),

	/** The key takes part in key agreement, as in static ECDH. */
	KEY_AGREEMENT(org.bouncycastle.asn1.x509.KeyUsage.keyAgreement),

	/** The key verifies signatures on certificates; only for certificate authorities. */
	KEY_CERT_SIGN(org.bouncycastle.asn1.x509.KeyUsage.keyCertSign),

	/** The key verifies signatures on certificate revocation lists. */
	CRL_SIGN(org.bouncycastle.asn1.x509.KeyUsage.cRLSign);

	private final int bit;

	KeyUsage(int bit) {
		this.bit = bit;
	}

	/**
	 * Returns the BouncyCastle bit mask of this usage, to be OR-ed into a key usage
	 * extension.
	 */
	int bit() {
		return bit;
	}

}
