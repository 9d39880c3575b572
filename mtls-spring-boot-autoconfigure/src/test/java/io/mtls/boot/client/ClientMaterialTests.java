package io.mtls.boot.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ClientHandshakeListener;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Outbound material from its own {@code mtls.client.*} files: validated before it
 * replaces anything, combined with the server's other half, followed by
 * {@link ClientTls}.
 */
class ClientMaterialTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root").issue();

	@TempDir
	Path directory;

	@Test
	void ownCertificateIsPresentedWithTheServersTrustAndABrokenFileNeverReplacesIt() throws Exception {
		IssuedCertificate server = CA.localhostServer();
		ServerMaterial serverMaterial = ServerMaterial.validated(
				MaterialLoader.pem(source(server.writeChainPem(this.directory.resolve("server.crt"))),
						source(server.writePrivateKeyPem(this.directory.resolve("server.key"))), null, "p"),
				MaterialLoader.trust("t", List.of(source(CA.writeCertificatePem(this.directory.resolve("ca.crt"))))),
				Clock.systemUTC().instant());
		IssuedCertificate first = CA.client("CN=orders").issue();
		Path crt = first.writeChainPem(this.directory.resolve("client.crt"));
		Path key = first.writePrivateKeyPem(this.directory.resolve("client.key"));
		ClientMaterial material = new ClientMaterial(() -> serverMaterial,
				() -> MaterialLoader.pem(source(crt), source(key), null, "mtls.client.private-key-password"), null,
				List.of(crt, key), Duration.ofMillis(100), Duration.ofSeconds(60), false, Clock.systemUTC());
		ClientTls tls = new ClientTls(material, List.of(), "mtls.client.server-identity", ClientHandshakeListener.NONE);
		AtomicInteger changes = new AtomicInteger();
		tls.onChange((changed) -> changes.incrementAndGet());
		material.onChange(tls::materialChanged);
		assertThat(tls.material().key().certificate()).isEqualTo(first.certificate());
		assertThat(tls.material().trust()).isSameAs(serverMaterial.trust());
		assertThat(material.get()).as("same instance until a change").isSameAs(material.get());

		Files.writeString(crt, "-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
		assertThat(material.reloadIfChanged()).isFalse();
		assertThat(tls.material().key().certificate()).isEqualTo(first.certificate());
		assertThat(material.status().lastFailureReason()).contains("mtls.client.certificate");

		IssuedCertificate second = CA.client("CN=orders").issue();
		second.writeChainPem(crt);
		second.writePrivateKeyPem(key);
		assertThat(material.reloadIfChanged()).isTrue();
		assertThat(tls.material().key().certificate()).isEqualTo(second.certificate());
		assertThat(changes).hasValue(1);
	}

	@Test
	void startupFailsOnAKeyThatDoesNotMatch() {
		IssuedCertificate first = CA.client("CN=orders").issue();
		IssuedCertificate other = CA.client("CN=other").issue();
		Path crt = first.writeChainPem(this.directory.resolve("client.crt"));
		Path key = other.writePrivateKeyPem(this.directory.resolve("client.key"));
		Path ca = CA.writeCertificatePem(this.directory.resolve("ca.crt"));
		assertThatExceptionOfType(MtlsStartupException.class)
			.isThrownBy(() -> new ClientMaterial(null,
					() -> MaterialLoader.pem(source(crt), source(key), null, "mtls.client.private-key-password"),
					() -> MaterialLoader.trust("mtls.client.trust", List.of(source(ca))), List.of(crt, key, ca),
					Duration.ofMillis(100), Duration.ofSeconds(60), false, Clock.systemUTC()))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("does not match"));
	}

	private static MaterialSource source(Path path) {
		String name = path.getFileName().toString();
		String property = name.endsWith(".key") ? "mtls.client.private-key"
				: name.startsWith("ca") ? "mtls.client.trust" : "mtls.client.certificate";
		return MaterialSource.ofPath(property, path);
	}

}
