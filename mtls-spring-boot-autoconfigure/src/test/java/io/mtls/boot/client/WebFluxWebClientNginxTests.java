package io.mtls.boot.client;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.tls.ServerCertificateRejectedException;
import io.mtls.boot.pki.ExtendedKeyUsage;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outbound calls from a WebFlux application on Reactor Netty through the auto-configured
 * {@link WebClient.Builder}: the service's own certificate is presented to a real nginx,
 * and a called server that is not trusted is refused with its reason and counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFluxWebClientNginxTests {

	private final IssuedCertificate service = CA.server("CN=orders,O=Example")
		.dns("localhost")
		.ip("127.0.0.1")
		.extendedKeyUsage(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH)
		.issue();

	private Nginx nginx;

	private ConfigurableWebServerApplicationContext context;

	@BeforeAll
	void start(@TempDir Path directory) throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").issue());
		servers.put("expired", CA.server("CN=payments,O=Example").dns("localhost").expired().issue());
		this.nginx = Nginx.start(directory.resolve("nginx"), CA, servers);
		this.context = EmbeddedServer.NETTY.start(
				"mtls.server.certificate=" + this.service.writeChainPem(directory.resolve("tls.crt")),
				"mtls.server.private-key=" + this.service.writePrivateKeyPem(directory.resolve("tls.key")),
				"mtls.server.trust=" + CA.writeCertificatePem(directory.resolve("ca.crt")));
	}

	@AfterAll
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.nginx != null) {
			this.nginx.close();
		}
	}

	@Test
	void theAutoConfiguredWebClientPresentsTheServiceCertificate() {
		WebClient client = this.context.getBean(WebClient.Builder.class).build();
		String body = client.get().uri(this.nginx.url("good")).retrieve().bodyToMono(String.class).block();
		assertThat(Nginx.split(body).get(0)).isEqualTo("CN=orders,O=Example");
		assertThat(new BigInteger(Nginx.split(body).get(1), 16))
			.isEqualTo(this.service.certificate().getSerialNumber());
	}

	@Test
	void anExpiredCalledServerIsRefusedWithTheReasonAndCounted() {
		WebClient client = this.context.getBean(WebClient.Builder.class).build();
		Throwable failure = catchThrowable(
				() -> client.get().uri(this.nginx.url("expired")).retrieve().bodyToMono(String.class).block());
		ServerCertificateRejectedException rejected = ServerCertificateRejectedException.find(failure);
		assertThat(rejected).as("rejection in %s", failure).isNotNull();
		assertThat(rejected.reason()).isEqualTo(RejectionReason.EXPIRED);
		assertThat(this.context.getBean(MeterRegistry.class)
			.get("mtls.client.handshake")
			.tag("outcome", "rejected")
			.tag("reason", "expired")
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

}
