package io.mtls.boot.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;

import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static io.mtls.boot.server.TestCertificates.EXPIRED_CLIENT;
import static io.mtls.boot.server.TestCertificates.MALLORY;
import static io.mtls.boot.server.TestCertificates.NOT_YET_VALID_CLIENT;
import static io.mtls.boot.server.TestCertificates.NO_EKU;
import static io.mtls.boot.server.TestCertificates.SERVER;
import static io.mtls.boot.server.TestCertificates.SERVER_AUTH_ONLY;
import static io.mtls.boot.server.TestCertificates.clientCertificate;
import static io.mtls.boot.server.TestCertificates.clientKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Real handshakes on loopback against the embedded server configured from
 * {@code mtls.server.*} PEM files, with the JDK HTTP client, curl and openssl s_client.
 * Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class MtlsHandshakeTests {

	private ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	abstract String clientAuth();

	String[] extraProperties() {
		return new String[0];
	}

	@BeforeAll
	void start() {
		this.context = server().start(EmbeddedServer.properties(
				EmbeddedServer.properties(TestCertificates.pemProperties(), "mtls.server.client-auth=" + clientAuth()),
				extraProperties()));
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	int port() {
		return this.context.getWebServer().getPort();
	}

	HttpResponse<String> get(IssuedCertificate identity) throws IOException, InterruptedException {
		HttpClient client = MtlsClients.httpClient(identity, CA.certificate());
		return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port() + "/whoami")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void jdkClientWithTrustedCertificateIsServedAndSeesTheConfiguredServerCertificate() throws Exception {
		HttpResponse<String> response = get(ALICE);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("CN=alice,OU=ops,O=mtls-test");
		Certificate[] serverChain = response.sslSession().orElseThrow().getPeerCertificates();
		assertThat(serverChain[0]).isEqualTo(SERVER.certificate());
	}

	@Test
	void curlWithTrustedCertificateIsServed() {
		ExternalClient.Result result = ExternalClient.curl(port(), "/whoami", clientCertificate("alice"),
				clientKey("alice"));
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).isEqualTo("CN=alice,OU=ops,O=mtls-test200\n");
	}

	@Test
	void opensslWithTrustedCertificateIsServed() {
		ExternalClient.Result result = ExternalClient.openssl(port(), "/whoami", clientCertificate("alice"),
				clientKey("alice"));
		assertThat(result.stdout()).as(result.stderr())
			.startsWith("HTTP/1.1 200")
			.contains("CN=alice,OU=ops,O=mtls-test");
	}

	@ParameterizedTest
	@CsvSource({ "mallory, untrusted, 'CN=mallory,O=elsewhere'", "expired, expired, 'CN=expired,O=mtls-test'",
			"notyetvalid, not-yet-valid, 'CN=notyetvalid,O=mtls-test'" })
	void jdkClientWithUntrustedOrInvalidCertificateIsRefusedAtTheHandshake(String name, String reason, String subject,
			CapturedOutput output) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(identity(name)));
		assertRefusedAtTheHandshake(output, reason, subject);
	}

	@ParameterizedTest
	@CsvSource({ "mallory, untrusted, 'CN=mallory,O=elsewhere'", "expired, expired, 'CN=expired,O=mtls-test'",
			"notyetvalid, not-yet-valid, 'CN=notyetvalid,O=mtls-test'" })
	void curlWithUntrustedOrInvalidCertificateIsRefusedAtTheHandshake(String name, String reason, String subject,
			CapturedOutput output) {
		ExternalClient.Result result = ExternalClient.curl(port(), "/whoami", clientCertificate(name), clientKey(name));
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.stdout()).isEqualTo("000\n");
		assertRefusedAtTheHandshake(output, reason, subject);
	}

	@ParameterizedTest
	@CsvSource({ "mallory, untrusted, 'CN=mallory,O=elsewhere'", "expired, expired, 'CN=expired,O=mtls-test'",
			"notyetvalid, not-yet-valid, 'CN=notyetvalid,O=mtls-test'" })
	void opensslWithUntrustedOrInvalidCertificateIsRefusedAtTheHandshake(String name, String reason, String subject,
			CapturedOutput output) {
		ExternalClient.Result result = ExternalClient.openssl(port(), "/whoami", clientCertificate(name),
				clientKey(name));
		assertThat(result.stdout()).doesNotContain("HTTP/1.1");
		assertRefusedAtTheHandshake(output, reason, subject);
	}

	private static IssuedCertificate identity(String name) {
		return switch (name) {
			case "mallory" -> MALLORY;
			case "expired" -> EXPIRED_CLIENT;
			default -> NOT_YET_VALID_CLIENT;
		};
	}

	/**
	 * The server's trust manager logs each refusal with its reason: proof that the
	 * handshake, not something later, refused the client, and why.
	 */
	private static void assertRefusedAtTheHandshake(CapturedOutput output, String reason, String subject) {
		assertThat(output)
			.contains("TLS handshake refused (reason: " + reason + "): client certificate '" + subject + "' rejected");
	}

	@Test
	void serverAuthOnlyCertificateIsRefusedAtTheHandshakeWithTheReasonLogged(CapturedOutput output) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(SERVER_AUTH_ONLY));
		assertThat(output)
			.contains("TLS handshake refused (reason: eku): client certificate 'CN=serverauth,O=mtls-test'"
					+ " rejected: its extended key usage does not include clientAuth");
	}

	@Test
	void certificateWithoutExtendedKeyUsageIsAccepted() throws Exception {
		assertThat(get(NO_EKU).body()).isEqualTo("CN=noeku,O=mtls-test");
	}

	@Test
	void untrustedCertificateRefusalIsLoggedWithItsReason(CapturedOutput output) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(MALLORY));
		assertThat(output)
			.contains("TLS handshake refused (reason: untrusted): client certificate 'CN=mallory,O=elsewhere'");
	}

	/**
	 * Client authentication {@code need}: a client without a certificate never reaches
	 * the application.
	 */
	abstract static class Need extends MtlsHandshakeTests {

		@Override
		String clientAuth() {
			return "need";
		}

		@Test
		void jdkClientWithoutCertificateIsRefusedAtTheHandshake() {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(null))
				.satisfies((ex) -> assertThat(ex).rootCause()
					.hasMessage("Received fatal alert: " + missingCertificateAlert().replace(' ', '_')));
		}

		@Test
		void curlWithoutCertificateIsRefusedAtTheHandshake() {
			ExternalClient.Result result = ExternalClient.curl(port(), "/whoami", null, null);
			assertThat(result.exitCode()).isNotZero();
			assertThat(result.stdout()).isEqualTo("000\n");
			assertThat(result.stderr()).contains("alert " + missingCertificateAlert());
		}

		@Test
		void opensslWithoutCertificateIsRefusedWithTheEnginesAlert() {
			ExternalClient.Result result = ExternalClient.openssl(port(), "/whoami", null, null);
			assertThat(result.stdout()).doesNotContain("HTTP/1.1");
			assertThat(result.stderr())
				.contains("SSL alert number " + (missingCertificateAlert().equals("bad certificate") ? 42 : 116));
		}

		/**
		 * JSSE answers a missing certificate with bad_certificate (42); BoringSSL with
		 * TLS 1.3's certificate_required (116).
		 */
		private String missingCertificateAlert() {
			return server().engine().equals("jdk") ? "bad certificate" : "certificate required";
		}

	}

	/**
	 * Client authentication {@code want}: a client without a certificate reaches the
	 * application unauthenticated, while a bad certificate is still refused.
	 */
	abstract static class Want extends MtlsHandshakeTests {

		@Override
		String clientAuth() {
			return "want";
		}

		@Override
		String[] extraProperties() {
			// the default security chain would answer 401; open the echo endpoint to
			// anonymous callers
			return new String[] { "mtls.authorization.access[0].pattern=/whoami",
					"mtls.authorization.access[0].permit-all=true" };
		}

		@Test
		void jdkClientWithoutCertificateReachesTheApplicationAnonymously() throws Exception {
			HttpResponse<String> response = get(null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("anonymous");
		}

		@Test
		void curlWithoutCertificateReachesTheApplicationAnonymously() {
			ExternalClient.Result result = ExternalClient.curl(port(), "/whoami", null, null);
			assertThat(result.exitCode()).as(result.stderr()).isZero();
			assertThat(result.stdout()).isEqualTo("anonymous200\n");
		}

		@Test
		void opensslWithoutCertificateReachesTheApplicationAnonymously() {
			ExternalClient.Result result = ExternalClient.openssl(port(), "/whoami", null, null);
			assertThat(result.stdout()).as(result.stderr()).startsWith("HTTP/1.1 200").endsWith("anonymous");
		}

	}

}
