package io.mtls.boot.actuate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mtls.boot.security.SecuredApplication;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.ExternalClient;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.actuate.ActuatorClient.json;
import static io.mtls.boot.actuate.ActuatorClient.send;
import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static io.mtls.boot.server.TestCertificates.MALLORY;
import static io.mtls.boot.server.TestCertificates.clientCertificate;
import static io.mtls.boot.server.TestCertificates.clientKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.within;

/**
 * The endpoint, health and Prometheus series over real handshakes: a server certificate
 * expiring in five days, an expired trust anchor, and clients served, refused at the
 * handshake, refused by authentication and forbidden. Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MtlsActuatorHandshakeTests {

	private static final IssuedCertificate SERVER = CA.server("CN=localhost")
		.dns("localhost")
		.notBefore(Instant.now().minus(Duration.ofDays(1)))
		.notAfter(Instant.now().plus(Duration.ofDays(5)))
		.issue();

	private static final CertificateAuthority EXPIRED_CA = TestPki.rootCa("CN=Retired CA,O=mtls-test")
		.expired()
		.issue();

	private static final IssuedCertificate BOB = CA.client("CN=bob,OU=dev,O=mtls-test").issue();

	private static final IssuedCertificate TWO_NAMES = CA.client("CN=a,CN=b,O=mtls-test").issue();

	private ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	@BeforeAll
	void start(@TempDir Path directory) throws IOException {
		Path trust = Files.createDirectories(directory.resolve("trust"));
		CA.writeCertificatePem(trust.resolve("ca.crt"));
		EXPIRED_CA.writeCertificatePem(trust.resolve("retired.crt"));
		this.context = server().start(SecuredApplication.class,
				"mtls.server.certificate=" + SERVER.writeChainPem(directory.resolve("server.crt")),
				"mtls.server.private-key=" + SERVER.writePrivateKeyPem(directory.resolve("server.key")),
				"mtls.server.trust=" + trust, "mtls.authorization.rules[0].subject=OU=ops",
				"mtls.authorization.rules[0].authorities=ROLE_ADMIN", "mtls.authorization.access[0].pattern=/admin/**",
				"mtls.authorization.access[0].authorities=ROLE_ADMIN",
				"management.endpoints.web.exposure.include=health,mtls,prometheus",
				"management.endpoint.health.show-details=always");
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	private void traffic() throws Exception {
		send(this.context, ALICE, "GET", "/whoami");
		send(this.context, ALICE, "GET", "/whoami");
		assertThat(send(this.context, BOB, "GET", "/admin/status").statusCode()).isEqualTo(403);
		assertThat(send(this.context, TWO_NAMES, "GET", "/whoami").statusCode()).isEqualTo(401);
		assertThatIOException().isThrownBy(() -> send(this.context, MALLORY, "GET", "/whoami"));
	}

	@Test
	void endpointShowsExpiryStatusesAndTheClientsSeenWithTheirRejectionReasons() throws Exception {
		traffic();
		JsonNode mtls = json(this.context, ALICE, "/actuator/mtls");
		JsonNode server = mtls.get("server").get(0);
		assertThat(server.get("subject").asString()).isEqualTo("CN=localhost");
		assertThat(server.get("status").asString()).isEqualTo("EXPIRING");
		assertThat(server.get("daysLeft").asLong()).isEqualTo(4);
		assertThat(server.get("serialNumber").asString())
			.isEqualTo(SERVER.certificate().getSerialNumber().toString(16));
		assertThat(mtls.get("trust").findValuesAsString("status")).containsExactlyInAnyOrder("VALID", "EXPIRED");
		assertThat(mtls.get("trustWarnings")).singleElement()
			.satisfies((warning) -> assertThat(warning.asString()).startsWith("the trusted CA certificate '"
					+ EXPIRED_CA.certificate().getSubjectX500Principal().getName() + "' expired on"));
		assertThat(client(mtls, "CN=alice,OU=ops,O=mtls-test").get("principal").asString()).isEqualTo("alice");
		assertThat(client(mtls, "CN=alice,OU=ops,O=mtls-test").get("requests").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(client(mtls, "CN=alice,OU=ops,O=mtls-test").get("certificate").get("sha256Fingerprint").asString())
			.isEqualTo(ALICE.sha256Fingerprint());
		assertThat(reason(mtls, "CN=mallory,O=elsewhere")).isEqualTo("untrusted");
		assertThat(reason(mtls, "CN=a,CN=b,O=mtls-test")).isEqualTo("ambiguous-common-name");
		assertThat(reason(mtls, "CN=bob,OU=dev,O=mtls-test")).isEqualTo("forbidden");
	}

	@Test
	void healthIsUpWithWarningsForTheExpiringServerAndTheExpiredTrustAnchor() throws Exception {
		JsonNode health = json(this.context, ALICE, "/actuator/health/mtls");
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("details").get("serverStatus").asString()).isEqualTo("EXPIRING");
		assertThat(health.get("details").get("warnings").toString()).contains("server certificate 'CN=localhost'")
			.contains("EXPIRING")
			.contains("trust certificate 'CN=Retired CA,O=mtls-test'")
			.contains("EXPIRED");
	}

	@Test
	void prometheusScrapeOverMtlsHasTheExpiryAndAuthenticationSeries() throws Exception {
		traffic();
		String scrape = send(this.context, ALICE, "GET", "/actuator/prometheus").body();
		String serial = SERVER.certificate().getSerialNumber().toString(16);
		double expectedExpiry = (SERVER.certificate().getNotAfter().getTime() - System.currentTimeMillis()) / 1000.0;
		assertThat(sample(scrape, "mtls_certificate_expiry_seconds",
				"cn=\"localhost\",role=\"server\",serial=\"" + serial + "\""))
			.isCloseTo(expectedExpiry, within(5.0));
		assertThat(sample(scrape, "mtls_certificate_not_after_seconds",
				"cn=\"localhost\",role=\"server\",serial=\"" + serial + "\""))
			.isEqualTo(SERVER.certificate().getNotAfter().getTime() / 1000);
		assertThat(sample(scrape, "mtls_certificate_expiry_seconds", "cn=\"Retired CA\",role=\"trust\"")).isNegative();
		assertThat(sample(scrape, "mtls_certificate_expiry_seconds", "cn=\"alice\",role=\"client\"")).isPositive();
		assertThat(sample(scrape, "mtls_authentication_total", "outcome=\"failure\",reason=\"untrusted\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(sample(scrape, "mtls_authentication_total", "outcome=\"failure\",reason=\"forbidden\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(sample(scrape, "mtls_authentication_total", "outcome=\"success\",reason=\"authenticated\""))
			.isGreaterThanOrEqualTo(2);
	}

	@Test
	void rejectedHandshakeIncrementsTheFailureCounter() throws Exception {
		String label = "outcome=\"failure\",reason=\"untrusted\"";
		double before = sampleOrZero(send(this.context, ALICE, "GET", "/actuator/prometheus").body(),
				"mtls_authentication_total", label);
		// curl makes exactly one handshake attempt
		ExternalClient.Result refused = ExternalClient.curl(this.context.getWebServer().getPort(), "/whoami",
				clientCertificate("mallory"), clientKey("mallory"));
		assertThat(refused.stdout()).isEqualTo("000\n");
		double after = sample(send(this.context, ALICE, "GET", "/actuator/prometheus").body(),
				"mtls_authentication_total", label);
		assertThat(after - before).isEqualTo(1.0);
	}

	private static JsonNode client(JsonNode mtls, String subject) {
		for (JsonNode client : mtls.get("clients")) {
			if (client.get("certificate").get("subject").asString().equals(subject)) {
				return client;
			}
		}
		throw new AssertionError("no client " + subject + " in " + mtls.get("clients"));
	}

	private static String reason(JsonNode mtls, String subject) {
		return client(mtls, subject).get("lastRejectionReason").asString();
	}

	/**
	 * Returns the value of the series whose labels contain the given ones.
	 */
	static double sample(String scrape, String name, String labels) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
		while (matcher.find()) {
			if (matcher.group(1).contains(labels)) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no " + name + "{" + labels + "} in the scrape");
	}

	private static double sampleOrZero(String scrape, String name, String labels) {
		try {
			return sample(scrape, name, labels);
		}
		catch (AssertionError ex) {
			return 0;
		}
	}

}
