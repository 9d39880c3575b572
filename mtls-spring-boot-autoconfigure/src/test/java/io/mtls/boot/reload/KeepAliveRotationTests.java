package io.mtls.boot.reload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.pki.IssuedCertificate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive connection opened before a rotation keeps working after it, on the TLS
 * session it started with, while new connections get the new certificate.
 */
class KeepAliveRotationTests {

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void openConnectionsSurviveARotation(EmbeddedServer server, @TempDir Path directory) throws Exception {
		IssuedCertificate initial = CA.localhostServer();
		SecretDirectory secret = new SecretDirectory(directory, initial);
		try (ServletWebServerApplicationContext context = server.start("mtls.reload.quiet-period=200ms",
				"mtls.server.secret-dir=" + secret.path())) {
			int port = context.getWebServer().getPort();
			HttpClient keepAlive = MtlsClients.httpClient(ALICE, CA.certificate());
			HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/whoami")).build();
			assertThat(servedBy(keepAlive.send(request, HttpResponse.BodyHandlers.ofString())))
				.isEqualTo(initial.certificate());

			IssuedCertificate next = CA.localhostServer();
			secret.swap(next);
			RotationUnderLoadTests.millisUntilServed(MtlsClients.sslContext(ALICE, CA.certificate()), port,
					next.certificate().getSerialNumber(), System.nanoTime());

			HttpResponse<String> again = keepAlive.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(again.statusCode()).isEqualTo(200);
			assertThat(servedBy(again)).as("same connection, same session").isEqualTo(initial.certificate());
		}
	}

	private static X509Certificate servedBy(HttpResponse<?> response) throws Exception {
		return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
	}

}
