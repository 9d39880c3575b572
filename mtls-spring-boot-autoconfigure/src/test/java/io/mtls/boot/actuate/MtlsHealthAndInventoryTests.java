package io.mtls.boot.actuate;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.ExternalClient;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.actuate.ActuatorClient.json;
import static io.mtls.boot.actuate.ActuatorClient.send;
import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health transitions driven by reloading certificates issued with the test PKI, and the
 * bound on client series under a flood of distinct client certificates.
 */
class MtlsHealthAndInventoryTests {

	@TempDir
	Path directory;

	@Test
	void healthGoesFromValidToExpiringToOutOfServiceAcrossReloads() throws Exception {
		IssuedCertificate valid = CA.localhostServer();
		Path certificate = valid.writeChainPem(this.directory.resolve("server.crt"));
		Path key = valid.writePrivateKeyPem(this.directory.resolve("server.key"));
		try (ConfigurableWebServerApplicationContext context = start("mtls.server.certificate=" + certificate,
				"mtls.server.private-key=" + key, "mtls.reload.enabled=false")) {
			assertThat(json(context, ALICE, "/actuator/health/mtls").get("status").asString()).isEqualTo("UP");
			assertThat(json(context, ALICE, "/actuator/health/mtls").get("details").get("warnings")).isEmpty();

			reloadTo(context, certificate, key, Instant.now().plus(Duration.ofDays(5)));
			var expiring = json(context, ALICE, "/actuator/health/mtls");
			assertThat(expiring.get("status").asString()).isEqualTo("UP");
			assertThat(expiring.get("details").get("serverStatus").asString()).isEqualTo("EXPIRING");
			assertThat(expiring.get("details").get("warnings").toString()).contains("EXPIRING");

			reloadTo(context, certificate, key, Instant.now().plusSeconds(3));
			Thread.sleep(3500);
			// clients rightly refuse the expired server certificate: probe like a monitor
			// with curl --insecure
			ExternalClient.Result health = ExternalClient.curl(context.getWebServer().getPort(),
					"/actuator/health/mtls", TestCertificates.clientCertificate("alice"),
					TestCertificates.clientKey("alice"), "--insecure");
			assertThat(health.stdout()).as(health.stderr())
				.contains("\"status\":\"OUT_OF_SERVICE\"", "\"serverStatus\":\"EXPIRED\"")
				.endsWith("503\n");
		}
	}

	@Test
	void aFloodOfDistinctClientsDoesNotGrowSeriesPastTheInventoryBound() throws Exception {
		IssuedCertificate server = CA.localhostServer();
		try (ConfigurableWebServerApplicationContext context = start(
				"mtls.server.certificate=" + server.writeChainPem(this.directory.resolve("server.crt")),
				"mtls.server.private-key=" + server.writePrivateKeyPem(this.directory.resolve("server.key")),
				"mtls.actuator.client-inventory-size=3")) {
			for (int i = 0; i < 12; i++) {
				assertThat(send(context, CA.client("CN=flood-" + i).issue(), "GET", "/whoami").statusCode())
					.isEqualTo(200);
			}
			String scrape = send(context, ALICE, "GET", "/actuator/prometheus").body();
			assertThat(count(scrape, "mtls_certificate_expiry_seconds\\{[^}]*role=\"client\"")).isEqualTo(3);
			assertThat(count(scrape, "mtls_certificate_not_after_seconds\\{[^}]*role=\"client\"")).isEqualTo(3);
			assertThat(json(context, ALICE, "/actuator/mtls").get("clients")).hasSize(3);
			assertThat(scrape).contains("cn=\"alice\",role=\"client\"").doesNotContain("cn=\"flood-0\"");
		}
	}

	private ConfigurableWebServerApplicationContext start(String... properties) throws Exception {
		Path trust = CA.writeCertificatePem(this.directory.resolve("ca.crt"));
		return EmbeddedServer.TOMCAT.start(EmbeddedServer.properties(properties, "mtls.server.trust=" + trust,
				"management.endpoints.web.exposure.include=health,mtls,prometheus",
				"management.endpoint.health.show-details=always"));
	}

	private static void reloadTo(ConfigurableWebServerApplicationContext context, Path certificate, Path key,
			Instant notAfter) throws Exception {
		IssuedCertificate next = CA.server("CN=localhost")
			.dns("localhost")
			.notBefore(Instant.now().minus(Duration.ofMinutes(1)))
			.notAfter(notAfter)
			.issue();
		next.writeChainPem(certificate);
		next.writePrivateKeyPem(key);
		assertThat(send(context, ALICE, "POST", "/actuator/mtls").body()).contains("\"outcome\":\"reloaded\"");
	}

	private static long count(String scrape, String series) {
		return Pattern.compile("(?m)^" + series).matcher(scrape).results().count();
	}

}
