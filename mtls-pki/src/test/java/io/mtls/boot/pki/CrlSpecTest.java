package io.mtls.boot.pki;

import java.math.BigInteger;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class CrlSpecTest {

	private static CertificateAuthority ca;

	private static IssuedCertificate revoked;

	private static IssuedCertificate good;

	@BeforeAll
	static void createCertificates() {
		ca = TestPki.rootCa("CN=CRL Root,O=Example").issue();
		revoked = ca.client("CN=revoked").issue();
		good = ca.client("CN=good").issue();
	}

	@Test
	void listsRevokedCertificatesAndSerials() {
		X509CRL crl = ca.crl().revoke(revoked).revoke(BigInteger.valueOf(77)).issue();

		assertThat(crl.getRevokedCertificates()).extracting(X509CRLEntry::getSerialNumber)
			.containsExactlyInAnyOrder(revoked.certificate().getSerialNumber(), BigInteger.valueOf(77));
		assertThat(crl.isRevoked(revoked.certificate())).isTrue();
		assertThat(crl.isRevoked(good.certificate())).isFalse();
		assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
	}

	@Test
	void isSignedWithTheCaKey() throws Exception {
		X509CRL crl = ca.crl().revoke(revoked).issue();
		CertificateAuthority otherCa = TestPki.rootCa("CN=CRL Root,O=Example").issue();

		crl.verify(ca.certificate().getPublicKey());
		assertThat(crl.getSigAlgName()).isEqualTo("SHA256withECDSA");
		assertThatExceptionOfType(SignatureException.class)
			.isThrownBy(() -> crl.verify(otherCa.certificate().getPublicKey()));
	}

	@Test
	void carriesIncreasingCrlNumbersAndTheAuthorityKeyIdentifier() throws Exception {
		CertificateAuthority freshCa = TestPki.rootCa("CN=Numbered CA").issue();
		X509CRL first = freshCa.crl().issue();
		X509CRL second = freshCa.crl().issue();

		assertThat(crlNumber(first)).isEqualTo(1);
		assertThat(crlNumber(second)).isEqualTo(2);
		byte[] authorityKeyId = CertificateExtensionsTest
			.authorityKeyId(second.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
		assertThat(authorityKeyId).isEqualTo(CertificateExtensionsTest.subjectKeyId(freshCa.certificate()));
	}

	@Test
	void updateTimesDefaultToNowAndSevenDaysAhead() {
		Instant now = Instant.now();
		X509CRL crl = ca.crl().issue();

		assertThat(crl.getThisUpdate().toInstant()).isCloseTo(now.minus(Duration.ofMinutes(1)),
				within(5, ChronoUnit.SECONDS));
		assertThat(crl.getNextUpdate().toInstant()).isCloseTo(now.plus(Duration.ofDays(7)),
				within(5, ChronoUnit.SECONDS));
		assertThat(crl.getRevokedCertificates()).isNull();
	}

	@Test
	void explicitUpdateTimesAreUsedAndDateTheRevocations() {
		Instant thisUpdate = Instant.parse("2030-01-01T00:00:00Z");
		Instant nextUpdate = Instant.parse("2030-02-01T00:00:00Z");
		X509CRL crl = ca.crl().thisUpdate(thisUpdate).nextUpdate(nextUpdate).revoke(revoked).issue();

		assertThat(crl.getThisUpdate().toInstant()).isEqualTo(thisUpdate);
		assertThat(crl.getNextUpdate().toInstant()).isEqualTo(nextUpdate);
		assertThat(crl.getRevokedCertificate(revoked.certificate()).getRevocationDate().toInstant())
			.isEqualTo(thisUpdate);
	}

	@Test
	void pkixValidationWithTheCrlRejectsOnlyTheRevokedCertificate() throws Exception {
		X509CRL crl = ca.crl().revoke(revoked).issue();

		validateWithRevocation(good, crl);
		assertThatExceptionOfType(CertPathValidatorException.class)
			.isThrownBy(() -> validateWithRevocation(revoked, crl))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
	}

	@Test
	void refusesToRevokeACertificateOfAnotherCa() {
		IssuedCertificate foreign = TestPki.rootCa("CN=Foreign").issue().client("CN=foreign").issue();

		assertThatIllegalArgumentException().isThrownBy(() -> ca.crl().revoke(foreign));
	}

	private static void validateWithRevocation(IssuedCertificate certificate, X509CRL crl) throws Exception {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
		parameters.setRevocationEnabled(true);
		parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(certificate.chain()), parameters);
	}

	private static BigInteger crlNumber(X509CRL crl) throws Exception {
		byte[] extension = crl.getExtensionValue(Extension.cRLNumber.getId());
		return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension)).getValue();
	}

}
