package io.mtls.boot.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateExtensionsTest {

	private static final String BASIC_CONSTRAINTS = Extension.basicConstraints.getId();

	private static final String KEY_USAGE = Extension.keyUsage.getId();

	private static final String EXTENDED_KEY_USAGE = Extension.extendedKeyUsage.getId();

	private static CertificateAuthority root;

	@BeforeAll
	static void createRoot() {
		root = TestPki.rootCa("CN=Extensions Root").issue();
	}

	@Test
	void rootCaIsCriticallyMarkedCaWithCertAndCrlSigningAndNoExtendedKeyUsage() {
		X509Certificate certificate = root.certificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
		assertThat(keyUsages(certificate)).containsExactlyInAnyOrder(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN);
		assertThat(certificate.getNonCriticalExtensionOIDs()).doesNotContain(EXTENDED_KEY_USAGE);
	}

	@Test
	void intermediateCaHasTheSameCaDefaults() {
		X509Certificate certificate = root.intermediateCa("CN=Extensions Intermediate").issue().certificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
		assertThat(certificate.getCriticalExtensionOIDs()).contains(BASIC_CONSTRAINTS, KEY_USAGE);
		assertThat(keyUsages(certificate)).containsExactlyInAnyOrder(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN);
	}

	@Test
	void serverIsEndEntityWithDigitalSignatureAndServerAuth() throws Exception {
		X509Certificate certificate = root.server("CN=server").issue().certificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getExtensionValue(BASIC_CONSTRAINTS)).isNotNull();
		assertThat(keyUsages(certificate)).containsExactly(KeyUsage.DIGITAL_SIGNATURE);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(ExtendedKeyUsage.SERVER_AUTH.oid());
		assertThat(certificate.getNonCriticalExtensionOIDs()).contains(EXTENDED_KEY_USAGE);
	}

	@Test
	void rsaServerAlsoGetsKeyEncipherment() {
		X509Certificate certificate = root.server("CN=rsa-server").keyType(KeyType.RSA_2048).issue().certificate();

		assertThat(keyUsages(certificate)).containsExactlyInAnyOrder(KeyUsage.DIGITAL_SIGNATURE,
				KeyUsage.KEY_ENCIPHERMENT);
	}

	@Test
	void clientIsEndEntityWithClientAuth() throws Exception {
		X509Certificate certificate = root.client("CN=client").issue().certificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(keyUsages(certificate)).containsExactly(KeyUsage.DIGITAL_SIGNATURE);
		assertThat(certificate.getExtendedKeyUsage()).containsExactly(ExtendedKeyUsage.CLIENT_AUTH.oid());
	}

	@Test
	void leafIsEndEntityWithoutExtendedKeyUsage() throws Exception {
		X509Certificate certificate = root.leaf("CN=leaf").issue().certificate();

		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(keyUsages(certificate)).containsExactly(KeyUsage.DIGITAL_SIGNATURE);
		assertThat(certificate.getExtendedKeyUsage()).isNull();
	}

	@Test
	void keyUsageReplacesTheDefaultsAndStaysCritical() {
		X509Certificate certificate = root.client("CN=custom-ku")
			.keyUsage(KeyUsage.NON_REPUDIATION, KeyUsage.KEY_AGREEMENT)
			.issue()
			.certificate();

		assertThat(keyUsages(certificate)).containsExactlyInAnyOrder(KeyUsage.NON_REPUDIATION, KeyUsage.KEY_AGREEMENT);
		assertThat(certificate.getCriticalExtensionOIDs()).contains(KEY_USAGE);
	}

	@Test
	void emptyKeyUsageLeavesTheExtensionOut() {
		X509Certificate certificate = root.client("CN=no-ku").keyUsage().issue().certificate();

		assertThat(certificate.getKeyUsage()).isNull();
	}

	@Test
	void extendedKeyUsageReplacesTheDefaults() throws Exception {
		X509Certificate certificate = root.server("CN=custom-eku")
			.extendedKeyUsage(ExtendedKeyUsage.CLIENT_AUTH, ExtendedKeyUsage.CODE_SIGNING,
					ExtendedKeyUsage.EMAIL_PROTECTION, ExtendedKeyUsage.ANY)
			.issue()
			.certificate();

		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.3",
				"1.3.6.1.5.5.7.3.4", "2.5.29.37.0");
	}

	@Test
	void noExtendedKeyUsageLeavesTheExtensionOut() throws Exception {
		X509Certificate certificate = root.client("CN=no-eku").noExtendedKeyUsage().issue().certificate();

		assertThat(certificate.getExtendedKeyUsage()).isNull();
	}

	@Test
	void keyIdentifiersLinkEachCertificateToItsIssuerKey() throws Exception {
		CertificateAuthority intermediate = root.intermediateCa("CN=Key Id Intermediate").issue();
		X509Certificate leaf = intermediate.leaf("CN=key-id-leaf").issue().certificate();

		assertThat(authorityKeyId(root.certificate())).isEqualTo(subjectKeyId(root.certificate()));
		assertThat(authorityKeyId(intermediate.certificate())).isEqualTo(subjectKeyId(root.certificate()));
		assertThat(authorityKeyId(leaf)).isEqualTo(subjectKeyId(intermediate.certificate()));
		assertThat(subjectKeyId(leaf)).isNotEqualTo(subjectKeyId(intermediate.certificate()));
	}

	@Test
	void defaultSerialsAreRandomPositive127BitNumbers() {
		BigInteger first = root.leaf("CN=serial").issue().certificate().getSerialNumber();
		BigInteger second = root.leaf("CN=serial").issue().certificate().getSerialNumber();

		assertThat(first.signum()).isEqualTo(1);
		assertThat(first.bitLength()).isEqualTo(127);
		assertThat(second.bitLength()).isEqualTo(127);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void explicitSerialIsUsed() {
		X509Certificate certificate = root.leaf("CN=fixed-serial")
			.serial(BigInteger.valueOf(4242))
			.issue()
			.certificate();

		assertThat(certificate.getSerialNumber()).isEqualTo(4242);
	}

	/**
	 * Maps the JDK's key usage bits, indexed as in RFC 5280, to the enum; unsupported
	 * bits must be clear.
	 */
	static Set<KeyUsage> keyUsages(X509Certificate certificate) {
		KeyUsage[] byBit = { KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION, KeyUsage.KEY_ENCIPHERMENT, null,
				KeyUsage.KEY_AGREEMENT, KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN, null, null };
		boolean[] bits = certificate.getKeyUsage();
		Set<KeyUsage> usages = EnumSet.noneOf(KeyUsage.class);
		for (int i = 0; i < bits.length; i++) {
			if (bits[i]) {
				assertThat(byBit[i]).as("key usage bit %d", i).isNotNull();
				usages.add(byBit[i]);
			}
		}
		return usages;
	}

	static byte[] subjectKeyId(X509Certificate certificate) throws Exception {
		byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
		return SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
			.getKeyIdentifier();
	}

	static byte[] authorityKeyId(byte[] extension) throws Exception {
		return AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
			.getKeyIdentifierOctets();
	}

	private static byte[] authorityKeyId(X509Certificate certificate) throws Exception {
		return authorityKeyId(certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId()));
	}

}
