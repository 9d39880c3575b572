package io.mtls.boot.pki;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PemTest {

	private static final char[] PASSWORD = "s3cret-pass".toCharArray();

	private static final Map<KeyType, IssuedCertificate> CLIENTS = new EnumMap<>(KeyType.class);

	private static CertificateAuthority root;

	private static CertificateAuthority intermediate;

	@BeforeAll
	static void createCertificates() {
		root = TestPki.rootCa("CN=PEM Root").issue();
		intermediate = root.intermediateCa("CN=PEM Intermediate").issue();
		for (KeyType keyType : new KeyType[] { KeyType.EC_P256, KeyType.RSA_2048, KeyType.ED25519 }) {
			CLIENTS.put(keyType, intermediate.client("CN=" + keyType).keyType(keyType).issue());
		}
	}

	@Test
	void certificatePemRoundTripsThroughCertificateFactory() throws Exception {
		IssuedCertificate client = CLIENTS.get(KeyType.EC_P256);
		String pem = client.certificatePem();

		assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
		assertThat(pem.lines().filter((line) -> !line.startsWith("-----"))).allMatch((line) -> line.length() <= 64);
		assertThat(certificates(pem)).containsExactly(client.certificate());
	}

	@Test
	void chainPemHoldsLeafThenIntermediate() throws Exception {
		IssuedCertificate client = CLIENTS.get(KeyType.EC_P256);

		assertThat(certificates(client.chainPem())).containsExactly(client.certificate(), intermediate.certificate());
		assertThat(certificates(Pem.encode(root.certificate(), intermediate.certificate())))
			.containsExactly(root.certificate(), intermediate.certificate());
	}

	@ParameterizedTest
	@EnumSource(names = { "EC_P256", "RSA_2048", "ED25519" })
	void privateKeyPemIsPkcs8ReadableByKeyFactory(KeyType keyType) throws Exception {
		IssuedCertificate client = CLIENTS.get(keyType);
		String pem = client.privateKeyPem();

		assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
		PrivateKey key = KeyFactory.getInstance(client.privateKey().getAlgorithm())
			.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
		assertThat(key.getEncoded()).isEqualTo(client.privateKey().getEncoded());
	}

	@ParameterizedTest
	@EnumSource(names = { "EC_P256", "RSA_2048", "ED25519" })
	void encryptedPrivateKeyPemDecryptsWithTheJdk(KeyType keyType) throws Exception {
		IssuedCertificate client = CLIENTS.get(keyType);
		String pem = client.encryptedPrivateKeyPem(PASSWORD);

		assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n");
		EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(der(pem, "ENCRYPTED PRIVATE KEY"));
		assertThat(encrypted.getAlgParameters().toString()).isEqualTo("PBEWithHmacSHA256AndAES_256");
		PKCS8EncodedKeySpec decrypted = decrypt(encrypted, PASSWORD);
		PrivateKey key = KeyFactory.getInstance(client.privateKey().getAlgorithm()).generatePrivate(decrypted);
		assertThat(key.getEncoded()).isEqualTo(client.privateKey().getEncoded());
	}

	@Test
	void encryptedPrivateKeyPemDoesNotDecryptWithAWrongPassword() throws Exception {
		String pem = CLIENTS.get(KeyType.EC_P256).encryptedPrivateKeyPem(PASSWORD);
		EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(der(pem, "ENCRYPTED PRIVATE KEY"));

		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> decrypt(encrypted, "wrong".toCharArray()));
	}

	@Test
	void traditionalRsaKeyIsPkcs1() throws Exception {
		IssuedCertificate client = CLIENTS.get(KeyType.RSA_2048);
		String pem = client.traditionalPrivateKeyPem();

		assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").endsWith("-----END RSA PRIVATE KEY-----\n");
		RSAPrivateCrtKey parsed = (RSAPrivateCrtKey) parseTraditional(pem);
		RSAPrivateCrtKey original = (RSAPrivateCrtKey) client.privateKey();
		assertThat(parsed.getModulus()).isEqualTo(original.getModulus());
		assertThat(parsed.getPrivateExponent()).isEqualTo(original.getPrivateExponent());
	}

	@Test
	void traditionalEcKeyIsSec1WithCurve() throws Exception {
		IssuedCertificate client = CLIENTS.get(KeyType.EC_P256);
		String pem = client.traditionalPrivateKeyPem();

		assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n").endsWith("-----END EC PRIVATE KEY-----\n");
		org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey
			.getInstance(der(pem, "EC PRIVATE KEY"));
		assertThat(sec1.getParametersObject()).hasToString("1.2.840.10045.3.1.7");
		assertThat(sec1.getPublicKey()).isNotNull();
		ECPrivateKey parsed = (ECPrivateKey) parseTraditional(pem);
		assertThat(parsed.getS()).isEqualTo(((ECPrivateKey) client.privateKey()).getS());
	}

	@Test
	void traditionalFormatIsUnsupportedForEd25519() {
		IssuedCertificate client = CLIENTS.get(KeyType.ED25519);

		assertThatIllegalStateException().isThrownBy(client::traditionalPrivateKeyPem).withMessageContaining("PKCS#8");
	}

	@Test
	void crlPemRoundTripsThroughCertificateFactory() throws Exception {
		X509CRL crl = intermediate.crl().revoke(CLIENTS.get(KeyType.EC_P256)).issue();
		String pem = Pem.encode(crl);

		assertThat(pem).startsWith("-----BEGIN X509 CRL-----\n");
		assertThat(certificateFactory().generateCRL(stream(pem))).isEqualTo(crl);
	}

	static byte[] der(String pem, String type) {
		String base64 = pem.replace("-----BEGIN " + type + "-----", "").replace("-----END " + type + "-----", "");
		return Base64.getMimeDecoder().decode(base64);
	}

	private static PKCS8EncodedKeySpec decrypt(EncryptedPrivateKeyInfo encrypted, char[] password)
			throws GeneralSecurityException {
		String algorithm = encrypted.getAlgParameters().toString();
		Cipher cipher = Cipher.getInstance(algorithm);
		cipher.init(Cipher.DECRYPT_MODE,
				SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password)),
				encrypted.getAlgParameters());
		return encrypted.getKeySpec(cipher);
	}

	private static PrivateKey parseTraditional(String pem) throws Exception {
		try (PEMParser parser = new PEMParser(new StringReader(pem))) {
			return new JcaPEMKeyConverter().getKeyPair((PEMKeyPair) parser.readObject()).getPrivate();
		}
	}

	private static List<Certificate> certificates(String pem) throws Exception {
		return List.copyOf(certificateFactory().generateCertificates(stream(pem)));
	}

	private static CertificateFactory certificateFactory() throws Exception {
		return CertificateFactory.getInstance("X.509");
	}

	private static ByteArrayInputStream stream(String pem) {
		return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
	}

}
