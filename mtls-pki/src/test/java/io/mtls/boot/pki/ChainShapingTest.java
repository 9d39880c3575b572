package io.mtls.boot.pki;

import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec options that shape unusual chains for validation tests: basic constraints,
 * name constraints, unknown critical extensions, missing key identifiers, reused keys and
 * presented chains.
 */
class ChainShapingTest {

	private static final CertificateAuthority ROOT = TestPki.rootCa("CN=Shaping Root").issue();

	@Test
	void basicConstraintsCanBeOverridden() {
		CertificateAuthority notCa = ROOT.intermediateCa("CN=Not CA").certificateAuthority(false).issue();
		assertThat(notCa.certificate().getBasicConstraints()).isEqualTo(-1);
		CertificateAuthority pathZero = ROOT.intermediateCa("CN=Path Zero").pathLength(0).issue();
		assertThat(pathZero.certificate().getBasicConstraints()).isZero();
		CertificateAuthority lenient = ROOT.intermediateCa("CN=Lenient").basicConstraintsNotCritical().issue();
		assertThat(lenient.certificate().getNonCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId());
	}

	@Test
	void nameConstraintsAreCriticalUnlessToldAndKeepTheirRawSyntax() {
		CertificateAuthority constrained = ROOT.intermediateCa("CN=Constrained")
			.permittedDns("*.example.org")
			.excludedIp(new byte[] { 10, 0, 0, 0 })
			.permittedEmail(".example.org")
			.permittedDirectory("O=Example")
			.issue();
		X509Certificate certificate = constrained.certificate();
		assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
		NameConstraints constraints = NameConstraints
			.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue(Extension.nameConstraints.getId()))
				.getOctets());
		assertThat(constraints.getPermittedSubtrees()).hasSize(3);
		assertThat(constraints.getPermittedSubtrees()[0].getBase().getTagNo()).isEqualTo(GeneralName.dNSName);
		assertThat(constraints.getPermittedSubtrees()[0].getBase().getName().toString()).isEqualTo("*.example.org");
		assertThat(ASN1OctetString.getInstance(constraints.getExcludedSubtrees()[0].getBase().getName()).getOctets())
			.hasSize(4);
		CertificateAuthority lenient = ROOT.intermediateCa("CN=Lenient Constraints")
			.permittedDns("example.org")
			.nameConstraintsNotCritical()
			.issue();
		assertThat(lenient.certificate().getNonCriticalExtensionOIDs()).contains(Extension.nameConstraints.getId());
	}

	@Test
	void unknownCriticalExtensionAndMissingKeyIdentifiers() {
		X509Certificate certificate = ROOT.client("CN=odd")
			.unknownCriticalExtension("1.3.6.1.4.1.55555.9")
			.noSubjectKeyIdentifier()
			.noAuthorityKeyIdentifier()
			.ipOctets(new byte[] { 1, 2, 3, 4, 5 })
			.issue()
			.certificate();
		assertThat(certificate.getCriticalExtensionOIDs()).contains("1.3.6.1.4.1.55555.9");
		assertThat(certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNull();
		assertThat(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId())).isNull();
	}

	@Test
	void reusedKeyPairCertifiesTheSameKey() {
		CertificateAuthority first = ROOT.intermediateCa("CN=Renewed").issue();
		CertificateAuthority renewed = ROOT.intermediateCa("CN=Renewed").keyPair(first.keyPair()).issue();
		assertThat(renewed.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
		assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
	}

	@Test
	void presentingReplacesTheChainAfterTheLeaf() {
		CertificateAuthority upper = ROOT.intermediateCa("CN=Upper").issue();
		CertificateAuthority lower = upper.intermediateCa("CN=Lower").issue();
		IssuedCertificate client = lower.client("CN=client").issue();
		IssuedCertificate reversed = client.presenting(upper.certificate(), lower.certificate());
		assertThat(client.chain()).containsExactly(client.certificate(), lower.certificate(), upper.certificate());
		assertThat(reversed.chain()).containsExactly(client.certificate(), upper.certificate(), lower.certificate());
		assertThat(reversed.privateKey()).isEqualTo(client.privateKey());
		assertThat(reversed.chainPem())
			.isEqualTo(Pem.encode(client.certificate(), upper.certificate(), lower.certificate()));
	}

}
