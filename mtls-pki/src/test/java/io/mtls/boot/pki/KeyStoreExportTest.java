package io.mtls.boot.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class KeyStoreExportTest {

	private static final char[] PASSWORD = "changeit".toCharArray();

	private static CertificateAuthority root;

	private static CertificateAuthority intermediate;

	private static IssuedCertificate server;

	@TempDir
	Path directory;

	@BeforeAll
	static void createCertificates() {
		root = TestPki.rootCa("CN=Store Root").issue();
		intermediate = root.intermediateCa("CN=Store Intermediate").issue();
		server = intermediate.localhostServer();
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12", "JKS" })
	void keyStoreFileLoadsBackWithItsPassword(String type) throws Exception {
		Path file = write(type, directory.resolve("nested/dir/server." + type.toLowerCase()));

		KeyStore keyStore = load(type, file, PASSWORD);
		assertThat(Collections.list(keyStore.aliases())).containsExactly(IssuedCertificate.KEY_STORE_ALIAS);
		assertThat(keyStore.isKeyEntry("mtls")).isTrue();
		Key key = keyStore.getKey("mtls", PASSWORD);
		assertThat(key.getEncoded()).isEqualTo(server.privateKey().getEncoded());
		assertThat(keyStore.getCertificateChain("mtls")).containsExactly(server.certificate(),
				intermediate.certificate());
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12", "JKS" })
	void keyStoreFileRejectsAWrongPassword(String type) {
		Path file = write(type, directory.resolve("server.store"));

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> load(type, file, "wrong".toCharArray()));
	}

	@Test
	void inMemoryKeyStoreHoldsTheChainUnderTheMtlsAlias() throws Exception {
		KeyStore keyStore = server.toKeyStore("PKCS12", PASSWORD);

		assertThat(Collections.list(keyStore.aliases())).containsExactly("mtls");
		assertThat(keyStore.getCertificateChain("mtls")).containsExactlyElementsOf(server.chain());
		assertThat(keyStore.getKey("mtls", PASSWORD).getEncoded()).isEqualTo(server.privateKey().getEncoded());
	}

	@ParameterizedTest
	@ValueSource(strings = { "PKCS12", "JKS" })
	void trustStoreHoldsTrustedCertificateEntries(String type) throws Exception {
		CertificateAuthority otherRoot = TestPki.rootCa("CN=Other Root").issue();
		Path file = directory.resolve("trust/truststore");

		TestPki.writeTrustStore(file, type, PASSWORD, root.certificate(), otherRoot.certificate());

		KeyStore trustStore = load(type, file, PASSWORD);
		assertThat(Collections.list(trustStore.aliases())).containsExactlyInAnyOrder("trusted-0", "trusted-1");
		assertThat(trustStore.isCertificateEntry("trusted-0")).isTrue();
		assertThat(trustStore.getCertificate("trusted-0")).isEqualTo(root.certificate());
		assertThat(trustStore.getCertificate("trusted-1")).isEqualTo(otherRoot.certificate());
		assertThat(TestPki.trustStore(type, PASSWORD, root.certificate()).size()).isEqualTo(1);
	}

	@Test
	void kubernetesSecretHasChainKeyAndRootCertificate() throws Exception {
		Path secret = server.writeKubernetesSecret(directory.resolve("secrets/server-tls"));

		assertThat(secret).isDirectory();
		try (var files = Files.list(secret)) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("tls.crt",
					"tls.key", "ca.crt");
		}
		assertThat(readCertificates(secret.resolve("tls.crt"))).containsExactly(server.certificate(),
				intermediate.certificate());
		assertThat(readCertificates(secret.resolve("ca.crt"))).containsExactly(root.certificate());
		byte[] key = PemTest.der(Files.readString(secret.resolve("tls.key")), "PRIVATE KEY");
		assertThat(KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(key)).getEncoded())
			.isEqualTo(server.privateKey().getEncoded());
	}

	@Test
	void pemWritersCreateParentDirectoriesAndReturnTheFile() throws Exception {
		Path chain = server.writeChainPem(directory.resolve("a/b/chain.pem"));
		Path key = server.writePrivateKeyPem(directory.resolve("c/key.pem"));
		Path caCertificate = intermediate.writeCertificatePem(directory.resolve("d/ca.pem"));

		assertThat(chain).hasContent(server.chainPem().strip());
		assertThat(key).hasContent(server.privateKeyPem().strip());
		assertThat(readCertificates(caCertificate)).containsExactly(intermediate.certificate());
	}

	private static Path write(String type, Path file) {
		return "JKS".equals(type) ? server.writeJks(file, PASSWORD) : server.writePkcs12(file, PASSWORD);
	}

	private static KeyStore load(String type, Path file, char[] password) throws Exception {
		KeyStore keyStore = KeyStore.getInstance(type);
		try (InputStream in = Files.newInputStream(file)) {
			keyStore.load(in, password);
		}
		return keyStore;
	}

	private static List<Certificate> readCertificates(Path file) throws Exception {
		try (InputStream in = Files.newInputStream(file)) {
			return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
		}
	}

}
