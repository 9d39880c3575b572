package io.mtls.boot.pki;

import java.security.MessageDigest;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CertificateChainTest {

	private static CertificateAuthority root;

	private static CertificateAuthority intermediate;

	private static IssuedCertificate leaf;

	@BeforeAll
	static void createHierarchy() {
		root = TestPki.rootCa("CN=Chain Root,O=Example").issue();
		intermediate = root.intermediateCa("CN=Chain Intermediate,O=Example").issue();
		leaf = intermediate.client("CN=alice,O=Example").issue();
	}

	@Test
	void chainValidatesWithPkixFromRootThroughIntermediateToLeaf() throws Exception {
		PKIXCertPathValidatorResult result = validate(leaf.chain(), root.certificate());

		assertThat(result.getTrustAnchor().getTrustedCert()).isEqualTo(root.certificate());
		assertThat(result.getPublicKey()).isEqualTo(leaf.certificate().getPublicKey());
	}

	@Test
	void restoredRootIssuesCertificatesThatChainToIt() throws Exception {
		CertificateAuthority restored = CertificateAuthority.of(root.certificate(), root.privateKey());
		IssuedCertificate client = restored.client("CN=bob,O=Example").issue();

		assertThat(validate(client.chain(), root.certificate()).getPublicKey())
			.isEqualTo(client.certificate().getPublicKey());
	}

	@Test
	void restoringRejectsNonCaCertificatesAndForeignKeys() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CertificateAuthority.of(leaf.certificate(), leaf.privateKey()))
			.withMessageContaining("Not a CA certificate");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CertificateAuthority.of(root.certificate(), intermediate.privateKey()))
			.withMessageContaining("does not match");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> CertificateAuthority.of(intermediate.certificate(), intermediate.privateKey()))
			.withMessageContaining("Not a self-signed");
	}

	@Test
	void chainThroughTwoIntermediatesValidates() throws Exception {
		CertificateAuthority issuing = intermediate.intermediateCa("CN=Issuing CA,O=Example").issue();
		IssuedCertificate server = issuing.localhostServer();

		assertThat(server.chain()).containsExactly(server.certificate(), issuing.certificate(),
				intermediate.certificate());
		assertThat(validate(server.chain(), root.certificate()).getPublicKey())
			.isEqualTo(server.certificate().getPublicKey());
	}

	@Test
	void chainDoesNotValidateAgainstAnotherRoot() {
		CertificateAuthority otherRoot = TestPki.rootCa("CN=Chain Root,O=Example").issue();

		assertThatExceptionOfType(CertPathValidatorException.class)
			.isThrownBy(() -> validate(leaf.chain(), otherRoot.certificate()));
	}

	@Test
	void chainListsLeafThenIntermediatesWithoutRoot() {
		assertThat(leaf.chain()).containsExactly(leaf.certificate(), intermediate.certificate());
		assertThat(intermediate.chain()).containsExactly(intermediate.certificate());
		assertThat(root.chain()).containsExactly(root.certificate());
	}

	@Test
	void issuerAndRootNavigateTheHierarchy() {
		assertThat(leaf.issuer()).isSameAs(intermediate);
		assertThat(intermediate.issuer()).isSameAs(root);
		assertThat(root.issuer()).isNull();
		assertThat(leaf.root()).isEqualTo(root.certificate());
		assertThat(intermediate.root()).isEqualTo(root.certificate());
		assertThat(root.root()).isEqualTo(root.certificate());
	}

	@Test
	void eachCertificateIsSignedByItsIssuerAndNamesIt() throws Exception {
		leaf.certificate().verify(intermediate.certificate().getPublicKey());
		intermediate.certificate().verify(root.certificate().getPublicKey());
		root.certificate().verify(root.certificate().getPublicKey());

		assertThat(leaf.certificate().getIssuerX500Principal())
			.isEqualTo(intermediate.certificate().getSubjectX500Principal());
		assertThat(root.certificate().getIssuerX500Principal()).isEqualTo(root.certificate().getSubjectX500Principal());
	}

	@Test
	void keyPairBelongsToTheCertificate() {
		assertThat(leaf.keyPair().getPublic()).isEqualTo(leaf.certificate().getPublicKey());
		assertThat(leaf.privateKey()).isSameAs(leaf.keyPair().getPrivate());
	}

	@Test
	void sha256FingerprintIsLowerCaseHexOfTheDerDigest() throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.certificate().getEncoded());

		assertThat(leaf.sha256Fingerprint()).isEqualTo(HexFormat.of().formatHex(digest)).matches("[0-9a-f]{64}");
	}

	private static PKIXCertPathValidatorResult validate(List<X509Certificate> chain, X509Certificate anchor)
			throws Exception {
		CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
		parameters.setRevocationEnabled(false);
		return (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(path, parameters);
	}

}
