package io.mtls.boot.pki;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * A root or intermediate CA of the test PKI: an issued certificate that can issue further
 * certificates and CRLs.
 */
public final class CertificateAuthority extends IssuedCertificate {

	private final AtomicLong lastCrlNumber = new AtomicLong();

	CertificateAuthority(X509Certificate certificate, KeyPair keyPair, KeyType keyType,
			@Nullable CertificateAuthority issuer) {
		super(certificate, keyPair, keyType, issuer);
	}

	/**
	 * Restores a self-signed root CA from its certificate and private key, for example
	 * ones written to disk earlier, so that it can issue further certificates.
	 * @param certificate the self-signed CA certificate
	 * @param privateKey its private key
	 * @return the CA
	 * @throws IllegalArgumentException if the certificate is not a CA, not self-signed,
	 * or not for this key
	 */
	public static CertificateAuthority of(X509Certificate certificate, PrivateKey privateKey) {
		if (certificate.getBasicConstraints() < 0) {
			throw new IllegalArgumentException("Not a CA certificate: " + certificate.getSubjectX500Principal());
		}
		try {
			certificate.verify(certificate.getPublicKey());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					"Not a self-signed certificate: " + certificate.getSubjectX500Principal(), ex);
		}
		KeyType keyType = KeyType.of(certificate.getPublicKey());
		CertificateAuthority ca = new CertificateAuthority(certificate,
				new KeyPair(certificate.getPublicKey(), privateKey), keyType, null);
		try {
			Signature signature = Signature.getInstance(keyType.signatureAlgorithm());
			signature.initSign(privateKey);
			signature.update(new byte[] { 1 });
			byte[] signed = signature.sign();
			signature.initVerify(certificate.getPublicKey());
			signature.update(new byte[] { 1 });
			if (!signature.verify(signed)) {
				throw new IllegalArgumentException(
						"The private key does not match " + certificate.getSubjectX500Principal());
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					"The private key does not match " + certificate.getSubjectX500Principal(), ex);
		}
		return ca;
	}

	/**
	 * Starts the spec of an intermediate CA issued by this CA.
	 * @param subjectDn the RFC 4514 subject, such as {@code CN=Issuing CA,O=Example}
	 * @return the spec; {@link CertificateSpec#issue()} returns the new CA
	 */
	public CertificateSpec<CertificateAuthority> intermediateCa(String subjectDn) {
		return new CertificateSpec<>(CertificateProfile.INTERMEDIATE_CA, subjectDn, this, CertificateAuthority::new);
	}

	/**
	 * Starts the spec of a TLS server certificate (EKU serverAuth) issued by this CA.
	 * @param subjectDn the RFC 4514 subject, such as {@code CN=api.example.com}
	 * @return the spec
	 */
	public CertificateSpec<IssuedCertificate> server(String subjectDn) {
		return new CertificateSpec<>(CertificateProfile.SERVER, subjectDn, this, IssuedCertificate::new);
	}

	/**
	 * Starts the spec of a TLS client certificate (EKU clientAuth) issued by this CA.
	 * @param subjectDn the RFC 4514 subject, such as {@code CN=alice,OU=ops,O=Example}
	 * @return the spec
	 */
	public CertificateSpec<IssuedCertificate> client(String subjectDn) {
		return new CertificateSpec<>(CertificateProfile.CLIENT, subjectDn, this, IssuedCertificate::new);
	}

	/**
	 * Starts the spec of an end-entity certificate without extended key usage, issued by
	 * this CA.
	 * @param subjectDn the RFC 4514 subject
	 * @return the spec
	 */
	public CertificateSpec<IssuedCertificate> leaf(String subjectDn) {
		return new CertificateSpec<>(CertificateProfile.LEAF, subjectDn, this, IssuedCertificate::new);
	}

	/**
	 * Starts the spec of an X509-SVID for a SPIFFE ID, as a SPIFFE Workload API hands it
	 * to a workload: subject {@code O=SPIFFE}, the SPIFFE ID as the only URI SAN, EKU
	 * serverAuth and clientAuth, valid for one hour.
	 * @param spiffeId the SPIFFE ID, such as
	 * {@code spiffe://example.org/ns/orders/sa/api}
	 * @return the spec
	 * @throws IllegalArgumentException if the ID does not start with {@code spiffe://}
	 */
	public CertificateSpec<IssuedCertificate> svid(String spiffeId) {
		if (!spiffeId.startsWith("spiffe://")) {
			throw new IllegalArgumentException("A SPIFFE ID starts with spiffe://, not: " + spiffeId);
		}
		return new CertificateSpec<>(CertificateProfile.SVID, "O=SPIFFE", this, IssuedCertificate::new).uri(spiffeId);
	}

	/**
	 * Issues a server certificate for {@code CN=localhost} with SANs {@code localhost},
	 * {@code 127.0.0.1} and {@code ::1}.
	 * @return the server certificate
	 */
	public IssuedCertificate localhostServer() {
		return server("CN=localhost").dns("localhost").ip("127.0.0.1", "::1").issue();
	}

	/**
	 * Writes this CA's certificate alone as PEM, creating parent directories.
	 * @param file the file to write
	 * @return the file written
	 */
	public Path writeCertificatePem(Path file) {
		return PkiFiles.writeString(file, certificatePem());
	}

	/**
	 * Starts the spec of a certificate revocation list signed by this CA.
	 * @return the CRL spec
	 */
	public CrlSpec crl() {
		return new CrlSpec(this);
	}

	/**
	 * Returns the next number in this CA's increasing CRL number sequence, starting at 1.
	 */
	BigInteger nextCrlNumber() {
		return BigInteger.valueOf(lastCrlNumber.incrementAndGet());
	}

}
