package io.mtls.boot.pki;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * PEM (RFC 7468) encoding of certificates, private keys and CRLs, with 64-character lines
 * and {@code \n} line endings.
 */
public final class Pem {

	private static final Base64.Encoder BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

	private Pem() {
	}

	/**
	 * Encodes certificates as consecutive {@code CERTIFICATE} blocks, in the order given.
	 * @param certificates the certificates
	 * @return the PEM text
	 */
	public static String encode(X509Certificate... certificates) {
		StringBuilder pem = new StringBuilder();
		for (X509Certificate certificate : certificates) {
			try {
				pem.append(block("CERTIFICATE", certificate.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), ex);
			}
		}
		return pem.toString();
	}

	/**
	 * Encodes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block.
	 * @param key the private key
	 * @return the PEM text
	 */
	public static String encode(PrivateKey key) {
		return block("PRIVATE KEY", key.getEncoded());
	}

	/**
	 * Encodes a certificate revocation list as an {@code X509 CRL} block.
	 * @param crl the CRL
	 * @return the PEM text
	 */
	public static String encode(X509CRL crl) {
		try {
			return block("X509 CRL", crl.getEncoded());
		}
		catch (CRLException ex) {
			throw new IllegalStateException("Cannot encode the CRL of " + crl.getIssuerX500Principal(), ex);
		}
	}

	/**
	 * Wraps DER bytes in a PEM block with the given type label.
	 */
	static String block(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n" + BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
	}

}
