package io.mtls.boot.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerCertificateRejectedException;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.junit.Deadline;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outbound calls of a service on a SPIFFE Workload API to another one: the caller
 * presents its current X509-SVID and trusts the pushed bundles through the RestClient and
 * the JDK HttpClient, identifies the called server by its SPIFFE ID (SVIDs name no host),
 * follows a pushed rotation on its next connection, refuses servers of trust domains not
 * accepted, and gives way to material set explicitly under {@code mtls.client}. The
 * called service names its callers by SPIFFE ID without being told to.
 */
class WorkloadApiOutboundTests {

	private static final String ORDERS = "spiffe://example.org/ns/orders/sa/api";

	private static final String PAYMENTS = "spiffe://example.org/ns/payments/sa/api";

	private static CertificateAuthority exampleOrg;

	private static CertificateAuthority partnerOrg;

	@TempDir
	Path directory;

	private final List<AutoCloseable> resources = new ArrayList<>();

	@BeforeAll
	static void createTrustDomains() {
		exampleOrg = TestPki.rootCa("CN=example.org SPIFFE CA").uri("spiffe://example.org").issue();
		partnerOrg = TestPki.rootCa("CN=partner.org SPIFFE CA").uri("spiffe://partner.org").issue();
	}

	@AfterEach
	void close() throws Exception {
		for (int i = this.resources.size() - 1; i >= 0; i--) {
			this.resources.get(i).close();
		}
	}

	@Test
	void aCallerOnSvidAPresentsItToAServerOnSvidBAndPresentsTheNextAfterARotation() throws Exception {
		WorkloadApiServer paymentsAgent = agent(exampleOrg, PAYMENTS);
		String payments = peerEndpoint(service(PeerApplication.class, paymentsAgent));
		WorkloadApiServer ordersAgent = agent(exampleOrg, ORDERS);
		ConfigurableWebServerApplicationContext orders = service(CallerApplication.class, ordersAgent);
		RestClient restClient = orders.getBean(RestClient.Builder.class).build();
		MtlsHttpClients httpClients = orders.getBean(MtlsHttpClients.class);

		String expected = ORDERS + " " + serial(ordersAgent.svid());
		assertThat(restClient.get().uri(payments).retrieve().body(String.class)).isEqualTo(expected);
		assertThat(jdkGet(httpClients, payments)).isEqualTo(expected);

		// once the push reached the outbound side, a new connection on the shared context
		// presents the pushed SVID at once: it cannot resume the session (its TLS 1.3
		// ticket is cached) of the old one
		ClientTls tls = orders.getBean(ClientTls.class);
		IssuedCertificate next = ordersAgent.rotate();
		Deadline.await(Duration.ofSeconds(5),
				() -> tls.material()
					.key()
					.certificate()
					.getSerialNumber()
					.equals(next.certificate().getSerialNumber()));
		assertThat(jdkGet(httpClients, payments)).isEqualTo(ORDERS + " " + serial(next));
	}

	@Test
	void aServerOfAFederatedTrustDomainNotAcceptedIsRefusedWithItsReason() {
		WorkloadApiServer partnerAgent = agent(partnerOrg, "spiffe://partner.org/ns/shop/sa/api");
		partnerAgent.federate("example.org", exampleOrg.certificate());
		String partner = peerEndpoint(service(PeerApplication.class, partnerAgent));
		WorkloadApiServer ordersAgent = agent(exampleOrg, ORDERS);
		ordersAgent.federate("partner.org", partnerOrg.certificate());
		ConfigurableWebServerApplicationContext federated = service(CallerApplication.class, ordersAgent);
		ConfigurableWebServerApplicationContext restricted = service(CallerApplication.class, ordersAgent,
				"mtls.spiffe.accept.trust-domains=example.org");

		assertThat(federated.getBean(RestClient.Builder.class).build().get().uri(partner).retrieve().body(String.class))
			.startsWith(ORDERS);
		Throwable failure = catchThrowable(() -> restricted.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri(partner)
			.retrieve()
			.toBodilessEntity());
		ServerCertificateRejectedException rejected = ServerCertificateRejectedException.find(failure);
		assertThat(rejected).isNotNull();
		assertThat(rejected.reason()).isEqualTo(RejectionReason.TRUST_DOMAIN);
		assertThat(rejected.getMessage()).contains("spiffe://partner.org/ns/shop/sa/api");
	}

	@Test
	void explicitClientKeyFilesArePresentedInsteadOfTheSvid() throws Exception {
		WorkloadApiServer paymentsAgent = agent(exampleOrg, PAYMENTS);
		String payments = peerEndpoint(service(PeerApplication.class, paymentsAgent));
		IssuedCertificate own = exampleOrg.svid("spiffe://example.org/ns/batch/sa/job").issue();
		ConfigurableWebServerApplicationContext orders = service(CallerApplication.class, agent(exampleOrg, ORDERS),
				"mtls.client.certificate=file:" + own.writeChainPem(this.directory.resolve("client.crt")),
				"mtls.client.private-key=file:" + own.writePrivateKeyPem(this.directory.resolve("client.key")));

		assertThat(jdkGet(orders.getBean(MtlsHttpClients.class), payments))
			.isEqualTo("spiffe://example.org/ns/batch/sa/job " + serial(own));
	}

	@Test
	void explicitClientTrustIdentifiesServersByHostNameAgain() {
		WorkloadApiServer paymentsAgent = agent(exampleOrg, PAYMENTS);
		String payments = peerEndpoint(service(PeerApplication.class, paymentsAgent));
		ConfigurableWebServerApplicationContext orders = service(CallerApplication.class, agent(exampleOrg, ORDERS),
				"mtls.client.trust=file:" + exampleOrg.writeCertificatePem(this.directory.resolve("ca.crt")));

		Throwable failure = catchThrowable(() -> orders.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri(payments)
			.retrieve()
			.toBodilessEntity());
		ServerCertificateRejectedException rejected = ServerCertificateRejectedException.find(failure);
		assertThat(rejected).isNotNull();
		assertThat(rejected.reason()).isEqualTo(RejectionReason.HOSTNAME);
	}

	private WorkloadApiServer agent(CertificateAuthority trustDomain, String spiffeId) {
		WorkloadApiServer agent = WorkloadApiServer.start(trustDomain, spiffeId);
		this.resources.add(agent);
		return agent;
	}

	private ConfigurableWebServerApplicationContext service(Class<?> application, WorkloadApiServer agent,
			String... properties) {
		ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start(application,
				EmbeddedServer.properties(new String[] { "mtls.spiffe.workload-api.enabled=true",
						"mtls.spiffe.workload-api.socket=" + agent.address(),
						"mtls.spiffe.workload-api.startup-timeout=10s" }, properties));
		this.resources.add(context);
		return context;
	}

	private static String peerEndpoint(ConfigurableWebServerApplicationContext context) {
		return "https://localhost:" + context.getWebServer().getPort() + "/peer";
	}

	private static String jdkGet(MtlsHttpClients clients, String url) throws Exception {
		HttpResponse<String> response = clients.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String serial(IssuedCertificate certificate) {
		return certificate.certificate().getSerialNumber().toString(16);
	}

	/**
	 * Answers with the calling workload's SPIFFE ID and the serial of the certificate it
	 * presented.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class PeerApplication {

		@GetMapping("/peer")
		String peer(HttpServletRequest request) {
			X509Certificate[] chain = (X509Certificate[]) request
				.getAttribute("jakarta.servlet.request.X509Certificate");
			return request.getUserPrincipal().getName() + " " + chain[0].getSerialNumber().toString(16);
		}

	}

	/**
	 * A service with no endpoints of its own: it only calls out.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CallerApplication {

	}

}
