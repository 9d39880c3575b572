package io.mtls.boot.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.jspecify.annotations.Nullable;

/**
 * Fluent description of an X.509 v2 CRL signed by a {@link CertificateAuthority}; it
 * carries a CRL number and an authority key identifier.
 */
public final class CrlSpec {

	private final CertificateAuthority issuer;

	private final Set<BigInteger> revokedSerials = new LinkedHashSet<>();

	private @Nullable Instant thisUpdate;

	private @Nullable Instant nextUpdate;

	CrlSpec(CertificateAuthority issuer) {
		this.issuer = issuer;
	}

	/**
	 * Lists a certificate issued by this CA as revoked.
	 * @param certificate the certificate to revoke
	 * @return this spec
	 * @throws IllegalArgumentException if another CA issued the certificate
	 */
	public CrlSpec revoke(IssuedCertificate certificate) {
		if (certificate.issuer() != issuer) {
			throw new IllegalArgumentException(certificate + " was not issued by " + issuer);
		}
		return revoke(certificate.certificate().getSerialNumber());
	}

	/**
	 * Lists a serial number as revoked.
	 * @param serial the serial number of the revoked certificate
	 * @return this spec
	 */
	public CrlSpec revoke(BigInteger serial) {
		revokedSerials.add(serial);
		return this;
	}

	/**
	 * Sets when the CRL was issued, also used as the revocation date of its entries
	 * (default one minute ago).
	 * @param thisUpdate the issue time
	 * @return this spec
	 */
	public CrlSpec thisUpdate(Instant thisUpdate) {
		this.thisUpdate = thisUpdate;
		return this;
	}

	/**
	 * Sets when the next CRL is due (default seven days from now).
	 * @param nextUpdate the next update time
	 * @return this spec
	 */
	public CrlSpec nextUpdate(Instant nextUpdate) {
		this.nextUpdate = nextUpdate;
		return this;
	}

	/**
	 * Signs the CRL with the CA's key, numbering it after the CA's previous CRL.
	 * @return the CRL
	 */
	public X509CRL issue() {
		Instant now = Instant.now();
		Date issued = Date.from((thisUpdate != null) ? thisUpdate : now.minus(Duration.ofMinutes(1)));
		Date due = Date.from((nextUpdate != null) ? nextUpdate : now.plus(Duration.ofDays(7)));
		X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
		X509v2CRLBuilder builder = new X509v2CRLBuilder(issuerName, issued).setNextUpdate(due);
		for (BigInteger serial : revokedSerials) {
			builder.addCRLEntry(serial, issued, CRLReason.unspecified);
		}
		try {
			builder.addExtension(Extension.cRLNumber, false, new CRLNumber(issuer.nextCrlNumber()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer.certificate().getPublicKey()));
			return new JcaX509CRLConverter().getCRL(builder.build(issuer.keyType().contentSigner(issuer.privateKey())));
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("Cannot issue a CRL for " + issuer, ex);
		}
	}

}
