package io.mtls.boot.core.material;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each key and trust source loads its material and names the files to watch; a server
 * source combines them and validates the result.
 */
class ServerMaterialSourceTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Source CA").issue();

	private static final IssuedCertificate SERVER = CA.localhostServer();

	private static final char[] PASSWORD = "s3cret".toCharArray();

	@TempDir
	Path directory;

	@Test
	void pemFilesLoadAndWatchEveryFile() {
		Path certificate = SERVER.writeChainPem(this.directory.resolve("server.crt"));
		Path key = SERVER.writePrivateKeyPem(this.directory.resolve("server.key"));
		Path ca = CA.writeCertificatePem(this.directory.resolve("ca.crt"));
		ServerMaterialSource source = new ServerMaterialSource(
				new KeySource.PemFiles(file("certificate", certificate), file("private-key", key), null, "pw"),
				new TrustSource.PemFiles("trust", List.of(file("trust", ca))), null);
		ServerMaterial material = source.load(Instant.now());
		assertThat(material.key().certificate()).isEqualTo(SERVER.certificate());
		assertThat(material.trust().certificates()).containsExactly(CA.certificate());
		assertThat(source.watchedPaths()).containsExactly(certificate, key, ca);
	}

	@Test
	void storesLoadAndWatchTheStoreFiles() throws Exception {
		Path keyStore = SERVER.writePkcs12(this.directory.resolve("server.p12"), PASSWORD);
		Path trustStore = this.directory.resolve("trust.p12");
		TestPki.writeTrustStore(trustStore, "PKCS12", PASSWORD, CA.certificate());
		ServerMaterialSource source = new ServerMaterialSource(
				new KeySource.KeyStoreFile(file("key-store", keyStore), "PKCS12", PASSWORD, "pw", "type"),
				new TrustSource.TrustStoreFile(file("trust-store", trustStore), "PKCS12", PASSWORD, "pw", "type"),
				null);
		ServerMaterial material = source.load(Instant.now());
		assertThat(material.key().certificate()).isEqualTo(SERVER.certificate());
		assertThat(material.trust().certificates()).containsExactly(CA.certificate());
		assertThat(source.watchedPaths()).containsExactly(keyStore, trustStore);
	}

	@Test
	void secretDirectoryLoadsItsThreeFilesAndWatchesThem() {
		Path secret = SERVER.writeKubernetesSecret(this.directory.resolve("secret"));
		SecretDirectory directory = new SecretDirectory(file("secret-dir", secret));
		ServerMaterialSource source = new ServerMaterialSource(new KeySource.SecretDir(directory, "pw"),
				new TrustSource.SecretDirCa(directory), null);
		ServerMaterial material = source.load(Instant.now());
		assertThat(material.key().source().property()).isEqualTo("secret-dir");
		assertThat(material.trust().certificates()).containsExactly(CA.certificate());
		assertThat(source.watchedPaths()).containsExactly(secret.resolve("tls.crt"), secret.resolve("tls.key"),
				secret.resolve("ca.crt"));
	}

	@Test
	void secretDirectoryWithoutCaHasNoTrustUnlessTrustIsRequired() throws Exception {
		Path secret = SERVER.writeKubernetesSecret(this.directory.resolve("secret"));
		Files.delete(secret.resolve("ca.crt"));
		SecretDirectory directory = new SecretDirectory(file("secret-dir", secret));
		KeySource key = new KeySource.SecretDir(directory, "pw");
		assertThat(
				new ServerMaterialSource(key, new TrustSource.SecretDirCa(directory), null).load(Instant.now()).trust())
			.isNull();
		ServerMaterialSource required = new ServerMaterialSource(key, new TrustSource.SecretDirCa(directory),
				() -> new InvalidMtlsConfigurationException("no trust", "add some"));
		assertThatExceptionOfType(InvalidMtlsConfigurationException.class)
			.isThrownBy(() -> required.load(Instant.now()))
			.withMessage("no trust");
	}

	@Test
	void loadedMaterialIsServedAsIsAndNothingIsWatched() {
		MaterialSource bundle = MaterialSource.loadedElsewhere("bundle", "spring.ssl.bundle 'web'");
		KeyMaterial key = new KeyMaterial(SERVER.privateKey(), SERVER.chain(), bundle);
		TrustMaterial trust = new TrustMaterial(List.of(CA.certificate()), bundle);
		ServerMaterialSource source = new ServerMaterialSource(new KeySource.Loaded(key), new TrustSource.Loaded(trust),
				null);
		assertThat(source.load(Instant.now())).isEqualTo(new ServerMaterial(key, trust));
		assertThat(source.watchedPaths()).isEmpty();
	}

	@Test
	void locationsThatAreNotFilesAreNotWatched() {
		MaterialSource certificate = MaterialSource.of("certificate", "classpath:server.crt",
				() -> SERVER.chainPem().getBytes());
		MaterialSource key = MaterialSource.of("private-key", "classpath:server.key",
				() -> SERVER.privateKeyPem().getBytes());
		assertThat(new KeySource.PemFiles(certificate, key, null, "pw").watchedPaths()).isEmpty();
	}

	@Test
	void loadingValidatesTheCombinedMaterial() {
		IssuedCertificate other = CA.localhostServer();
		Path certificate = SERVER.writeChainPem(this.directory.resolve("server.crt"));
		Path key = other.writePrivateKeyPem(this.directory.resolve("other.key"));
		ServerMaterialSource source = new ServerMaterialSource(
				new KeySource.PemFiles(file("certificate", certificate), file("private-key", key), null, "pw"), null,
				null);
		assertThatExceptionOfType(InvalidMaterialException.class).isThrownBy(() -> source.load(Instant.now()))
			.withMessageContaining("does not match the certificate");
	}

	private static MaterialSource file(String property, Path path) {
		return MaterialSource.ofPath(property, path);
	}

}
