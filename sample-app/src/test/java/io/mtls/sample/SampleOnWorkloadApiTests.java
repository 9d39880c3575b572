package io.mtls.sample;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application on a SPIFFE Workload API by properties alone, with the dev PKI
 * off: it serves its X509-SVID, names callers by SPIFFE ID, and {@code /downstream} calls
 * another instance with the outbound client on its SVID.
 */
class SampleOnWorkloadApiTests {

	private static final String ORDERS = "spiffe://example.org/ns/default/sa/orders";

	private static final String PAYMENTS = "spiffe://example.org/ns/default/sa/payments";

	@Test
	void anInstanceOnItsSvidCallsAnotherThroughDownstream() throws Exception {
		CertificateAuthority exampleOrg = TestPki.rootCa("CN=example.org SPIFFE CA")
			.uri("spiffe://example.org")
			.issue();
		// the test calls orders by host name; orders calls payments, whose SVID names no
		// host
		try (WorkloadApiServer ordersAgent = WorkloadApiServer.start(exampleOrg, ORDERS, Duration.ofHours(1),
				"localhost");
				WorkloadApiServer paymentsAgent = WorkloadApiServer.start(exampleOrg, PAYMENTS);
				ServletWebServerApplicationContext payments = run(paymentsAgent, "");
				ServletWebServerApplicationContext orders = run(ordersAgent,
						"https://localhost:" + payments.getWebServer().getPort() + "/whoami")) {
			HttpResponse<String> response = MtlsClients
				.httpClient(exampleOrg.svid("spiffe://example.org/ns/default/sa/alice").issue(),
						exampleOrg.certificate())
				.send(HttpRequest
					.newBuilder(URI.create("https://localhost:" + orders.getWebServer().getPort() + "/downstream"))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).startsWith("{\"status\":200,\"body\":")
				.contains("\\\"principal\\\":\\\"" + ORDERS + "\\\"")
				.contains(
						"\\\"serialNumber\\\":\\\"" + ordersAgent.svid().certificate().getSerialNumber().toString(16));
			assertThat(payments.getEnvironment().getProperty("mtls.dev.enabled")).isEqualTo("false");
		}
	}

	private static ServletWebServerApplicationContext run(WorkloadApiServer agent, String downstreamUrl) {
		return (ServletWebServerApplicationContext) SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--server.address=127.0.0.1", "--mtls.dev.enabled=false", "--mtls.spiffe.workload-api.enabled=true",
				"--mtls.spiffe.workload-api.socket=" + agent.address(), "--sample.downstream-url=" + downstreamUrl);
	}

}
