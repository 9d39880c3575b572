package io.mtls.boot.reload;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /actuator/mtls} reloads on demand, for file systems that cannot be watched,
 * and answers with what changed or why the new material was rejected; {@code GET} shows
 * the served material and the reload status.
 */
class ReloadEndpointTests {

	@TempDir
	Path directory;

	@Test
	void manualReloadServesNewMaterialOrExplainsTheRejection() throws Exception {
		IssuedCertificate initial = CA.localhostServer();
		Path certificate = initial.writeChainPem(this.directory.resolve("server.crt"));
		Path key = initial.writePrivateKeyPem(this.directory.resolve("server.key"));
		Path trust = CA.writeCertificatePem(this.directory.resolve("ca.crt"));
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start("mtls.reload.enabled=false",
				"management.endpoints.web.exposure.include=mtls", "mtls.server.certificate=" + certificate,
				"mtls.server.private-key=" + key, "mtls.server.trust=" + trust)) {
			int port = context.getWebServer().getPort();
			assertThat(send(port, "GET").body()).contains("\"subject\":\"CN=localhost\"", "\"reloads\":0");
			assertThat(send(port, "POST").body()).contains("\"outcome\":\"unchanged\"");

			IssuedCertificate next = CA.localhostServer();
			next.writeChainPem(certificate);
			next.writePrivateKeyPem(key);
			assertThat(context.getBean(MtlsMaterialReloader.class).isRunning()).as("watching").isFalse();
			assertThat(served(port)).as("not watched: still the initial certificate")
				.isEqualTo(initial.certificate().getSerialNumber().toString(16));
			HttpResponse<String> reloaded = send(port, "POST");
			assertThat(reloaded.statusCode()).isEqualTo(200);
			assertThat(reloaded.body()).contains("\"outcome\":\"reloaded\"",
					"\"serialNumber\":\"" + next.certificate().getSerialNumber().toString(16) + "\"");
			assertThat(served(port)).isEqualTo(next.certificate().getSerialNumber().toString(16));

			Files.writeString(key, "garbage");
			HttpResponse<String> failed = send(port, "POST");
			assertThat(failed.body()).contains("\"outcome\":\"failed\"", "'mtls.server.private-key'", "is not PEM");
			assertThat(served(port)).isEqualTo(next.certificate().getSerialNumber().toString(16));
			assertThat(send(port, "GET").body()).contains("\"reloads\":1", "\"failures\":1",
					"\"lastFailureReason\":\"'mtls.server.private-key'");
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("mtls.reload").tag("outcome", "success").counter().count()).isEqualTo(1);
			assertThat(meters.get("mtls.reload").tag("outcome", "failure").counter().count()).isEqualTo(1);
		}
	}

	private static String served(int port) throws Exception {
		return TlsProbe.get(MtlsClients.sslContext(ALICE, CA.certificate()), port, "/whoami")
			.serverSerial()
			.toString(16);
	}

	private static HttpResponse<String> send(int port, String method) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/mtls"))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return MtlsClients.httpClient(ALICE, CA.certificate()).send(request, HttpResponse.BodyHandlers.ofString());
	}

}
