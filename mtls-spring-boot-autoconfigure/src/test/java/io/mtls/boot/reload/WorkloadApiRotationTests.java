package io.mtls.boot.reload;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.actuate.MtlsHealthIndicator;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.junit.Deadline;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * A service on a SPIFFE Workload API (the test server on a Unix socket): it serves the
 * pushed SVID, takes every rotation through the reloader without a failed request, keeps
 * serving while the agent is gone, and refuses peers of other trust domains.
 */
class WorkloadApiRotationTests {

	private static final String ID = "spiffe://example.org/ns/orders/sa/api";

	private static CertificateAuthority exampleOrg;

	private static CertificateAuthority partnerOrg;

	private WorkloadApiServer agent;

	private ConfigurableWebServerApplicationContext context;

	@BeforeAll
	static void createTrustDomains() {
		exampleOrg = TestPki.rootCa("CN=example.org SPIFFE CA").uri("spiffe://example.org").issue();
		partnerOrg = TestPki.rootCa("CN=partner.org SPIFFE CA").uri("spiffe://partner.org").issue();
	}

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.agent != null) {
			this.agent.close();
		}
	}

	@Test
	void rotationsUnderLoadAreServedWithinOneSecondAndNoRequestFails() throws Exception {
		start();
		int port = this.context.getWebServer().getPort();
		SSLContext peer = peer(exampleOrg, "spiffe://example.org/ns/billing/sa/api");
		assertThat(TlsProbe.get(peer, port, "/whoami").serverSerial())
			.isEqualTo(this.agent.svid().certificate().getSerialNumber());
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger requests = new AtomicInteger();
		List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		Thread load = new Thread(() -> {
			while (running.get()) {
				try {
					int status = TlsProbe.get(peer, port, "/whoami").status();
					requests.incrementAndGet();
					if (status != 200) {
						failures.add("status " + status);
					}
				}
				catch (IOException ex) {
					failures.add(ex.toString());
				}
			}
		});
		load.start();
		try {
			for (int i = 0; i < 3; i++) {
				BigInteger next = this.agent.rotate().certificate().getSerialNumber();
				Deadline.await(Duration.ofSeconds(1), () -> served(peer, port).equals(next));
			}
		}
		finally {
			running.set(false);
			load.join();
		}
		assertThat(failures).isEmpty();
		assertThat(requests.get()).isPositive();
		assertThat(this.context.getBean(MtlsMaterialReloader.class).status().reloads()).isEqualTo(3);
		assertThat(this.context.getBean(MeterRegistry.class).counter("mtls.reload", "outcome", "success").count())
			.isEqualTo(3);
	}

	@Test
	void peersOfAFederatedButNotAcceptedTrustDomainAreRefusedWithTheirReason() throws Exception {
		start("mtls.spiffe.accept.trust-domains=example.org");
		this.agent.federate("partner.org", partnerOrg.certificate());
		int port = this.context.getWebServer().getPort();
		Deadline.await(Duration.ofSeconds(5),
				() -> this.context.getBean(MtlsEndpoint.class).mtls().toString().contains("partner.org"));

		assertThat(TlsProbe.get(peer(exampleOrg, "spiffe://example.org/ns/billing/sa/api"), port, "/whoami").status())
			.isEqualTo(200);
		assertThatIOException()
			.isThrownBy(() -> TlsProbe.get(peer(partnerOrg, "spiffe://partner.org/ns/shop/sa/api"), port, "/whoami"));
		assertThat(this.context.getBean(MtlsEndpoint.class).mtls().get("clients").toString())
			.contains("spiffe://partner.org/ns/shop/sa/api", "lastRejectionReason=trust-domain");
	}

	@Test
	void theEndpointShowsTheSourceTheSpiffeIdTheSvidExpiryAndEachBundle() {
		start();
		this.agent.federate("partner.org", partnerOrg.certificate());
		MtlsEndpoint endpoint = this.context.getBean(MtlsEndpoint.class);
		Deadline.await(Duration.ofSeconds(5), () -> endpoint.mtls().toString().contains("partner.org"));

		Map<String, Object> body = endpoint.mtls();
		assertThat(body.get("source")).isEqualTo("spiffe-workload-api");
		@SuppressWarnings("unchecked")
		Map<String, Object> spiffe = (Map<String, Object>) body.get("spiffe");
		assertThat(spiffe).containsEntry("spiffeId", ID)
			.containsEntry("svidExpiry", this.agent.svid().certificate().getNotAfter().toInstant())
			.containsEntry("agent", WorkloadApiConnection.State.CONNECTED);
		assertThat(spiffe.get("bundles")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.containsExactly(
					new MtlsEndpoint.BundleDescriptor("example.org", 1,
							exampleOrg.certificate().getNotAfter().toInstant()),
					new MtlsEndpoint.BundleDescriptor("partner.org", 1,
							partnerOrg.certificate().getNotAfter().toInstant()));
	}

	@Test
	void theExpiryMetricsCarryTheServedSvidTheBundlesAndTheOutboundSvidAcrossARotation() {
		start();
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		String first = this.agent.svid().certificate().getSerialNumber().toString(16);
		assertThat(serials(registry, "server")).containsExactly(first);
		assertThat(serials(registry, "outbound")).containsExactly(first);
		assertThat(serials(registry, "trust")).containsExactly(exampleOrg.certificate().getSerialNumber().toString(16));

		String next = this.agent.rotate().certificate().getSerialNumber().toString(16);
		Deadline.await(Duration.ofSeconds(5), () -> serials(registry, "server").equals(List.of(next)));
		Deadline.await(Duration.ofSeconds(5), () -> serials(registry, "outbound").equals(List.of(next)));
		assertThat(registry.get("mtls.certificate.expiry").tag("role", "server").tag("serial", next).gauge().value())
			.isPositive();
	}

	private static List<String> serials(MeterRegistry registry, String role) {
		return registry.find("mtls.certificate.expiry")
			.tag("role", role)
			.gauges()
			.stream()
			.map((gauge) -> gauge.getId().getTag("serial"))
			.toList();
	}

	@Test
	void anAgentGoneKeepsServingWarnsInHealthAndItsReturnLosesNothing() throws Exception {
		start();
		int port = this.context.getWebServer().getPort();
		SSLContext peer = peer(exampleOrg, "spiffe://example.org/ns/billing/sa/api");
		MtlsHealthIndicator health = this.context.getBean(MtlsHealthIndicator.class);
		IssuedCertificate first = this.agent.svid();

		this.agent.stop();
		Deadline.await(Duration.ofSeconds(5),
				() -> health.health(true).getDetails().get("warnings").toString().contains("unreachable"));
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
		assertThat(TlsProbe.get(peer, port, "/whoami").serverSerial()).isEqualTo(first.certificate().getSerialNumber());

		BigInteger next = this.agent.rotate().certificate().getSerialNumber();
		this.agent.start();
		Deadline.await(Duration.ofSeconds(10), () -> served(peer, port).equals(next));
		assertThat(health.health(true).getDetails().get("warnings").toString()).doesNotContain("unreachable");
	}

	@Test
	void anAgentGoneKeepsServingTheSvidUntilItExpiresThenHealthIsOutOfService() {
		startWith(Duration.ofSeconds(15));
		MtlsHealthIndicator health = this.context.getBean(MtlsHealthIndicator.class);
		this.agent.stop();
		Deadline.await(Duration.ofSeconds(5),
				() -> String.valueOf(health.health(true).getDetails().get("warnings")).contains("unreachable"));
		assertThat(this.context.getBean(WorkloadApiConnection.class).status().state())
			.isEqualTo(WorkloadApiConnection.State.DISCONNECTED);
		assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

		Deadline.await(Duration.ofSeconds(20), () -> health.health(true).getStatus().equals(Status.OUT_OF_SERVICE));
		assertThat(this.agent.svid().certificate().getNotAfter().toInstant()).isBefore(java.time.Instant.now());
		assertThat(String.valueOf(health.health(true).getDetails().get("warnings"))).contains("unreachable");
	}

	private void start(String... properties) {
		startWith(Duration.ofHours(1), properties);
	}

	private void startWith(Duration svidValidity, String... properties) {
		this.agent = WorkloadApiServer.start(exampleOrg, ID, svidValidity, "localhost");
		this.context = EmbeddedServer.TOMCAT.start(EmbeddedServer.properties(new String[] {
				"mtls.spiffe.workload-api.enabled=true", "mtls.spiffe.workload-api.socket=" + this.agent.address(),
				"mtls.spiffe.workload-api.startup-timeout=10s", "mtls.identity.principal=spiffe-id",
				"management.endpoints.web.exposure.include=mtls" }, properties));
	}

	private static SSLContext peer(CertificateAuthority trustDomain, String spiffeId) {
		return MtlsClients.sslContext(trustDomain.svid(spiffeId).issue(), exampleOrg.certificate());
	}

	private static BigInteger served(SSLContext peer, int port) {
		try {
			return TlsProbe.get(peer, port, "/whoami").serverSerial();
		}
		catch (IOException ex) {
			return BigInteger.ZERO;
		}
	}

}
