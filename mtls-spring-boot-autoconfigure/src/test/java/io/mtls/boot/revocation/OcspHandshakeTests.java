package io.mtls.boot.revocation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.junit.ExternalTools;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.revocation.OpensslRevocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * OCSP against a real {@code openssl ocsp} responder on loopback: good, revoked and
 * unknown certificates, a warm cache surviving the responder, a responder that is down
 * (hard refuses, soft admits), one that never answers (timeout) and one that signs with a
 * key the CA never delegated to. Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class OcspHandshakeTests {

	private final CertificateAuthority ca = TestPki.rootCa("CN=OCSP Root,O=mtls-test").issue();

	private final CertificateAuthority other = TestPki.rootCa("CN=Not The OCSP Root,O=mtls-test").issue();

	private final IssuedCertificate good = this.ca.client("CN=ocsp-good,O=mtls-test").issue();

	private final IssuedCertificate revoked = this.ca.client("CN=ocsp-revoked,O=mtls-test").issue();

	private final IssuedCertificate unknown = this.ca.client("CN=ocsp-unknown,O=mtls-test").issue();

	private Path directory;

	private Path trust;

	private OpensslRevocation.Responder responder;

	private OpensslRevocation.Responder wrongKeyResponder;

	abstract EmbeddedServer server();

	@BeforeAll
	void start(@TempDir Path directory) throws IOException {
		ExternalTools.require("openssl");
		this.directory = directory;
		this.trust = Files.writeString(directory.resolve("trust.pem"), Pem.encode(this.ca.certificate()));
		this.responder = OpensslRevocation.of(this.ca, directory.resolve("responder"))
			.good(this.good)
			.revoked(this.revoked)
			.startResponder();
		this.wrongKeyResponder = OpensslRevocation.of(this.ca, directory.resolve("wrong-key"))
			.good(this.good)
			.responderSigner(this.other)
			.startResponder();
	}

	@AfterAll
	void stop() {
		this.responder.close();
		this.wrongKeyResponder.close();
	}

	@Test
	void goodRevokedUnknownAndAWarmCache(CapturedOutput output) throws Exception {
		try (ConfigurableWebServerApplicationContext context = start("hard", this.responder.uri(), "2s")) {
			assertThat(send(context, this.good).statusCode()).isEqualTo(200);
			assertRefused(context, this.revoked, "revoked", output);
			assertThat(output).contains("is revoked by its OCSP responder");
			assertRefused(context, this.unknown, "revocation-unknown", output);
			assertThat(output).contains("does not know the certificate");
			RevocationChecker checker = context.getBean(RevocationChecker.class);
			long lookups = checker.ocsp().statistics().get("lookups");
			assertThat(send(context, this.good).statusCode()).as("served from the cache").isEqualTo(200);
			assertThat(checker.ocsp().statistics().get("lookups")).isEqualTo(lookups);
			assertThat(checker.ocsp().statistics().get("hits")).isPositive();
			assertThat(checker.checks("ocsp", "good")).isEqualTo(2);
		}
	}

	@Test
	void responderDownRefusesInHardModeAndAdmitsInSoftMode(CapturedOutput output) throws Exception {
		URI down = URI.create("http://127.0.0.1:" + OpensslRevocation.freePort());
		try (ConfigurableWebServerApplicationContext context = start("hard", down, "2s")) {
			assertRefused(context, this.good, "revocation-unknown", output);
			assertThat(output).contains("unreachable");
		}
		try (ConfigurableWebServerApplicationContext context = start("soft", down, "2s")) {
			assertThat(send(context, this.good).statusCode()).isEqualTo(200);
			assertThat(output).contains("admitted (mtls.revocation.mode=soft)");
			assertThat(context.getBean(RevocationChecker.class).checks("ocsp", "unknown")).isEqualTo(1);
		}
	}

	@Test
	void slowResponderTimesOutToUnknown(CapturedOutput output) throws Exception {
		// accepts connections (the backlog) and never answers
		try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				ConfigurableWebServerApplicationContext context = start("hard",
						URI.create("http://127.0.0.1:" + blackHole.getLocalPort()), "500ms")) {
			long started = System.nanoTime();
			assertRefused(context, this.good, "revocation-unknown", output);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
			assertThat(output).contains("did not answer within PT0.5S");
			// the failed responder is left alone for a while: the next handshake does not
			// wait for it
			started = System.nanoTime();
			assertRefused(context, this.unknown, "revocation-unknown", output);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(450));
			assertThat(output).contains("failed recently");
		}
	}

	@Test
	void responseSignedByAWrongKeyIsUnknown(CapturedOutput output) throws Exception {
		try (ConfigurableWebServerApplicationContext context = start("hard", this.wrongKeyResponder.uri(), "2s")) {
			assertRefused(context, this.good, "revocation-unknown", output);
			assertThat(output).contains("is not signed by the issuer or a responder it delegated OCSPSigning to");
		}
	}

	private ConfigurableWebServerApplicationContext start(String mode, URI responder, String timeout) {
		return server().start("mtls.server.certificate=" + TestCertificates.SERVER_CERTIFICATE,
				"mtls.server.private-key=" + TestCertificates.SERVER_KEY, "mtls.server.trust=" + this.trust,
				"mtls.revocation.mode=" + mode, "mtls.revocation.ocsp.enabled=true",
				"mtls.revocation.ocsp.responder=" + responder, "mtls.revocation.ocsp.timeout=" + timeout);
	}

	private static void assertRefused(ConfigurableWebServerApplicationContext context, IssuedCertificate client,
			String reason, CapturedOutput output) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(context, client));
		assertThat(output).contains("TLS handshake refused (reason: " + reason + "): client certificate '"
				+ client.certificate().getSubjectX500Principal().getName() + "'");
	}

	private static HttpResponse<String> send(ConfigurableWebServerApplicationContext context, IssuedCertificate client)
			throws Exception {
		URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + "/whoami");
		return MtlsClients.httpClient(client, TestCertificates.CA.certificate())
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
