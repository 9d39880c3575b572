package io.mtls.boot.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.KeyType;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading and validating key and trust material from every supported format.
 */
class MaterialLoaderTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Loader CA").issue();

	private static final CertificateAuthority INTERMEDIATE = CA.intermediateCa("CN=Loader Intermediate").issue();

	private static final char[] PASSWORD = "s3cret".toCharArray();

	@TempDir
	Path directory;

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384", "RSA_2048", "ED25519" })
	void loadsPkcs8KeysOfEveryKeyType(KeyType keyType) throws Exception {
		IssuedCertificate server = INTERMEDIATE.server("CN=server").keyType(keyType).issue();
		KeyMaterial key = MaterialLoader.pem(write("chain.pem", server.chainPem()),
				write("key.pem", server.privateKeyPem()), null, "pw");
		assertThat(key.chain()).containsExactly(server.certificate(), INTERMEDIATE.certificate());
		assertThat(key.privateKey().getEncoded()).isEqualTo(server.privateKey().getEncoded());
		ServerMaterial.validated(key, null, Instant.now());
	}

	@ParameterizedTest
	@EnumSource(value = KeyType.class, names = { "EC_P256", "EC_P384", "RSA_2048" })
	void loadsTraditionalOpenSslKeys(KeyType keyType) throws Exception {
		IssuedCertificate server = CA.server("CN=server").keyType(keyType).issue();
		KeyMaterial key = MaterialLoader.pem(write("chain.pem", server.chainPem()),
				write("key.pem", server.traditionalPrivateKeyPem()), null, "pw");
		assertThat(key.privateKey().getAlgorithm()).isEqualTo(server.privateKey().getAlgorithm());
		// re-encoding may differ (SEC1 embeds the public key), so prove the key by
		// signing with it
		ServerMaterial.validated(key, null, Instant.now());
	}

	@Test
	void decryptsEncryptedPkcs8Keys() throws Exception {
		IssuedCertificate server = CA.server("CN=server").issue();
		MaterialSource key = write("key.pem", server.encryptedPrivateKeyPem(PASSWORD));
		assertThat(PemDecoder.privateKey(key, PASSWORD, "pw").getEncoded()).isEqualTo(server.privateKey().getEncoded());
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> PemDecoder.privateKey(key, "nope".toCharArray(), "the.password"))
			.withMessageContaining("wrong password")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("'the.password'"));
	}

	@Test
	void rejectsLegacyOpenSslEncryptionWithAConversionHint() throws Exception {
		MaterialSource key = write("key.pem", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
				+ "DEK-Info: AES-128-CBC,00000000000000000000000000000000\n\nAAAA\n-----END RSA PRIVATE KEY-----\n");
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> PemDecoder.privateKey(key, PASSWORD, "pw"))
			.withMessageContaining("legacy OpenSSL")
			.satisfies((ex) -> assertThat(ex.getAction()).contains("openssl pkcs8 -topk8"));
	}

	@Test
	void rejectsAFileWithTwoKeys() throws Exception {
		IssuedCertificate server = CA.server("CN=server").issue();
		MaterialSource key = write("key.pem", server.privateKeyPem() + server.privateKeyPem());
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> PemDecoder.privateKey(key, null, "pw"))
			.withMessageContaining("2 private keys");
	}

	@Test
	void rejectsCorruptBase64() throws Exception {
		MaterialSource certificate = write("cert.pem",
				"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
		assertThatExceptionOfType(InvalidMaterialException.class).isThrownBy(() -> PemDecoder.certificates(certificate))
			.withMessageContaining("bad base64");
	}

	@Test
	void rejectsATruncatedCertificate() throws Exception {
		String pem = CA.certificatePem();
		String truncated = pem.substring(0, pem.length() / 2).replaceAll("\\R[^\\n]*$", "")
				+ "\n-----END CERTIFICATE-----\n";
		MaterialSource certificate = write("cert.pem", truncated);
		assertThatExceptionOfType(InvalidMaterialException.class).isThrownBy(() -> PemDecoder.certificates(certificate))
			.withMessageContaining("'test' (");
	}

	@Test
	void loadsPkcs12AndJksKeyStores() throws Exception {
		IssuedCertificate server = INTERMEDIATE.server("CN=server").issue();
		for (String type : List.of("PKCS12", "JKS")) {
			Path file = this.directory.resolve("server." + type);
			if (type.equals("JKS")) {
				server.writeJks(file, PASSWORD);
			}
			else {
				server.writePkcs12(file, PASSWORD);
			}
			KeyMaterial key = MaterialLoader.keyStore(MaterialSource.ofPath("ks", file), type, PASSWORD, "pw", "type");
			assertThat(key.chain()).containsExactly(server.certificate(), INTERMEDIATE.certificate());
			assertThatExceptionOfType(InvalidMaterialException.class)
				.isThrownBy(() -> MaterialLoader.keyStore(MaterialSource.ofPath("ks", file), type, "bad".toCharArray(),
						"pw", "type"))
				.withMessageContaining("wrong key store password");
		}
	}

	@Test
	void loadsTrustFromADirectoryIgnoringHiddenAndOtherFiles() throws Exception {
		CertificateAuthority other = TestPki.rootCa("CN=Other CA").issue();
		Path trust = Files.createDirectories(this.directory.resolve("trust"));
		Files.writeString(trust.resolve("a.crt"), CA.certificatePem());
		Files.writeString(trust.resolve("b.pem"), other.certificatePem());
		Files.writeString(trust.resolve(".hidden.pem"), "garbage");
		Files.writeString(trust.resolve("README"), "garbage");
		TrustMaterial material = MaterialLoader.trust("trust", List.of(MaterialSource.ofPath("trust", trust)));
		assertThat(material.certificates()).containsExactly(CA.certificate(), other.certificate());
	}

	@Test
	void loadsTrustStores() throws Exception {
		Path file = this.directory.resolve("trust.p12");
		TestPki.writeTrustStore(file, "PKCS12", PASSWORD, CA.certificate());
		TrustMaterial material = MaterialLoader.trustStore(MaterialSource.ofPath("ts", file), "PKCS12", PASSWORD, "pw",
				"type");
		assertThat(material.certificates()).containsExactly(CA.certificate());
	}

	@Test
	void rejectsAKeyThatDoesNotMatchItsCertificate() throws Exception {
		IssuedCertificate server = CA.server("CN=server").issue();
		IssuedCertificate other = CA.server("CN=other").issue();
		KeyMaterial key = new KeyMaterial(other.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> ServerMaterial.validated(key, null, Instant.now()))
			.withMessageContaining("does not match the certificate 'CN=server'");
	}

	@Test
	void rejectsAnRsaKeyForAnEcCertificate() throws Exception {
		IssuedCertificate server = CA.server("CN=server").issue();
		IssuedCertificate rsa = CA.server("CN=rsa").keyType(KeyType.RSA_2048).issue();
		KeyMaterial key = new KeyMaterial(rsa.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> ServerMaterial.validated(key, null, Instant.now()))
			.withMessageContaining("does not match");
	}

	@Test
	void rejectsTrustWithoutCaCertificates() {
		X509Certificate client = CA.client("CN=client").issue().certificate();
		TrustMaterial trust = new TrustMaterial(List.of(client), MaterialSource.ofPath("trust", this.directory));
		IssuedCertificate server = CA.server("CN=server").issue();
		KeyMaterial key = new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> ServerMaterial.validated(key, trust, Instant.now()))
			.withMessageContaining("holds no CA certificate, only end-entity certificates: 'CN=client'");
	}

	@Test
	void rejectsTrustWhoseEveryCaIsUnusableNamingEachReason() {
		X509Certificate expired = TestPki.rootCa("CN=Expired Root").expired().issue().certificate();
		X509Certificate critical = TestPki.rootCa("CN=Critical Root")
			.unknownCriticalExtension("1.3.6.1.4.1.55555.3")
			.issue()
			.certificate();
		TrustMaterial trust = new TrustMaterial(List.of(expired, critical),
				MaterialSource.ofPath("mtls.server.trust", this.directory));
		IssuedCertificate server = CA.server("CN=server").issue();
		KeyMaterial key = new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		assertThatExceptionOfType(InvalidMaterialException.class)
			.isThrownBy(() -> ServerMaterial.validated(key, trust, Instant.now()))
			.withMessageContaining("'mtls.server.trust'")
			.withMessageContaining("holds no CA certificate that can verify clients now: the trusted CA certificate "
					+ "'CN=Expired Root' expired on")
			.withMessageContaining("the trusted CA certificate 'CN=Critical Root' has an unknown critical extension "
					+ "[1.3.6.1.4.1.55555.3]");
	}

	@Test
	void acceptsTrustWithOneUsableCaAndReportsTheOthers() {
		X509Certificate expired = TestPki.rootCa("CN=Expired Root").expired().issue().certificate();
		TrustMaterial trust = new TrustMaterial(List.of(expired, CA.certificate()),
				MaterialSource.ofPath("mtls.server.trust", this.directory));
		IssuedCertificate server = CA.server("CN=server").issue();
		KeyMaterial key = new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		assertThat(ServerMaterial.validated(key, trust, Instant.now()).trust().unusable(Instant.now()))
			.containsOnlyKeys(expired)
			.hasValueSatisfying(new org.assertj.core.api.Condition<>(
					(problem) -> problem.reason() == RejectionReason.EXPIRED, "expired"));
	}

	@Test
	void builtKeyStoresHoldTheMaterial() throws Exception {
		IssuedCertificate server = INTERMEDIATE.server("CN=server").issue();
		KeyMaterial key = new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.ofPath("key", this.directory));
		ServerMaterial material = ServerMaterial.validated(key,
				new TrustMaterial(List.of(CA.certificate()), MaterialSource.ofPath("trust", this.directory)),
				Instant.now());
		assertThat(material.keyStore(PASSWORD).getCertificateChain(ServerMaterial.KEY_ALIAS))
			.containsExactly(server.certificate(), INTERMEDIATE.certificate());
		assertThat(material.trustStore().getCertificateAlias(CA.certificate())).isNotNull();
	}

	private MaterialSource write(String name, String content) throws Exception {
		return MaterialSource.ofPath("test", Files.writeString(this.directory.resolve(name), content));
	}

}
