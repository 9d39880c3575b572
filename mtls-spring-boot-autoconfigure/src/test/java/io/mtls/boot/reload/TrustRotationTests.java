package io.mtls.boot.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLContext;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Adding a CA to the trust file admits its clients; removing it refuses them on new
 * handshakes and on attempts to resume a session established while it was trusted.
 */
class TrustRotationTests {

	private static final CertificateAuthority PARTNER_CA = TestPki.rootCa("CN=Partner CA,O=partner").issue();

	private static final IssuedCertificate PARTNER = PARTNER_CA.client("CN=partner,O=partner").issue();

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void trustChangesApplyToNewAndResumedHandshakes(EmbeddedServer server, @TempDir Path directory) throws Exception {
		IssuedCertificate serverCertificate = CA.localhostServer();
		Path trust = directory.resolve("trust.pem");
		Files.writeString(trust, CA.certificatePem());
		try (ConfigurableWebServerApplicationContext context = server.start("mtls.reload.quiet-period=200ms",
				"mtls.server.certificate=" + serverCertificate.writeChainPem(directory.resolve("server.crt")),
				"mtls.server.private-key=" + serverCertificate.writePrivateKeyPem(directory.resolve("server.key")),
				"mtls.server.trust=" + trust)) {
			int port = context.getWebServer().getPort();
			assertThatIOException().isThrownBy(() -> TlsProbe.get(partner(), port, "/whoami"));

			Files.writeString(trust, CA.certificatePem() + PARTNER_CA.certificatePem());
			awaitAdmitted(port, true);
			// a client whose session cache holds a session from while the partner CA was
			// trusted
			SSLContext resuming = partner();
			assertThat(TlsProbe.get(resuming, port, "/whoami").status()).isEqualTo(200);
			assertThat(TlsProbe.get(resuming, port, "/whoami").status()).isEqualTo(200);

			Files.writeString(trust, CA.certificatePem());
			awaitAdmitted(port, false);
			assertThatIOException().isThrownBy(() -> TlsProbe.get(resuming, port, "/whoami"));
		}
	}

	private static SSLContext partner() {
		return MtlsClients.sslContext(PARTNER, CA.certificate());
	}

	private static void awaitAdmitted(int port, boolean admitted) throws Exception {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (isAdmitted(port) == admitted) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("partner client still " + (admitted ? "refused" : "admitted") + " after 5 s");
	}

	private static boolean isAdmitted(int port) {
		try {
			return TlsProbe.get(partner(), port, "/whoami").status() == 200;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
