package io.mtls.boot.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.client.MtlsClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On the openssl engine, a client that connects again (a new connection and a full
 * handshake, no resumption) is admitted from the verdict cache: the second handshake
 * counts a hit where the first counted a miss.
 */
class ChainVerdictMetricsHandshakeTests {

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT_OPENSSL", "JETTY_OPENSSL", "NETTY_OPENSSL" })
	void aRepeatedClientIsAHit(EmbeddedServer server) throws Exception {
		try (ConfigurableWebServerApplicationContext context = server.start(TestCertificates.pemProperties())) {
			URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + "/whoami");
			MeterRegistry registry = context.getBean(MeterRegistry.class);

			assertThat(call(uri)).isEqualTo(200);
			assertThat(lookups(registry, "miss")).isEqualTo(1);
			assertThat(lookups(registry, "hit")).isZero();
			assertThat(registry.get("mtls.chain.verdict.cache.size").gauge().value()).isEqualTo(1);

			assertThat(call(uri)).isEqualTo(200);
			assertThat(lookups(registry, "miss")).isEqualTo(1);
			assertThat(lookups(registry, "hit")).isEqualTo(1);
		}
	}

	// a new client each time: its own session cache, so a full handshake
	private static int call(URI uri) throws Exception {
		HttpClient client = MtlsClients.httpClient(ALICE, CA.certificate());
		return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private static double lookups(MeterRegistry registry, String outcome) {
		return registry.get("mtls.chain.verdict.cache.lookups").tag("outcome", outcome).functionCounter().count();
	}

}
