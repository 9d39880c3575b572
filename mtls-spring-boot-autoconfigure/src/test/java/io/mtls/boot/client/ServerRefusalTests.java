package io.mtls.boot.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtls.boot.autoconfigure.MtlsClientAutoConfiguration;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Calls that the called server refuses because of this service's certificate are counted
 * in {@code mtls.client.handshake{outcome="refused",reason="refused-by-server"}}: by a
 * real nginx whose client CA did not issue ours (it answers 400 "The SSL certificate
 * error"), and by a real JSSE server (the starter's Tomcat) that refuses it with a TLS
 * alert; for the JDK clients of {@link MtlsHttpClients}, customized {@code RestClient}s
 * and {@code RestTemplate}s (both signs) and {@code WebClient}s (alerts).
 */
class ServerRefusalTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root,O=Example").issue();

	private static final CertificateAuthority OTHER_CA = TestPki.rootCa("CN=Other Root,O=Example").issue();

	@TempDir
	Path directory;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void nginxRefusingOurCertificateIsCounted() throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").ip("127.0.0.1").issue());
		try (Nginx nginx = Nginx.start(this.directory.resolve("nginx"), OTHER_CA, servers)) {
			this.runner.withPropertyValues(clientProperties(CA.writeCertificatePem(this.directory.resolve("ca.crt"))))
				.run((context) -> {
					RestClient.Builder builder = RestClient.builder();
					context.getBean(MtlsRestClientCustomizer.class).customize(builder);
					Throwable failure = catchThrowable(
							() -> builder.build().get().uri(nginx.url("good")).retrieve().body(String.class));
					assertThat(failure).isInstanceOf(HttpClientErrorException.BadRequest.class)
						.hasMessageContaining("The SSL certificate error");
					assertThat(refusals(context.getBean(MeterRegistry.class))).isEqualTo(1);
					RestTemplateBuilder templateBuilder = (RestTemplateBuilder) context
						.getBean(MtlsRestTemplateBuilderPostProcessor.class)
						.postProcessAfterInitialization(new RestTemplateBuilder(), "restTemplateBuilder");
					assertThat(
							catchThrowable(() -> templateBuilder.build().getForObject(nginx.url("good"), String.class)))
						.isInstanceOf(HttpClientErrorException.BadRequest.class);
					assertThat(refusals(context.getBean(MeterRegistry.class))).isEqualTo(2);
				});
		}
	}

	@Test
	void aServerRefusingOurCertificateWithATlsAlertIsCounted() {
		ConfigurableWebServerApplicationContext server = EmbeddedServer.TOMCAT.start(TestCertificates.pemProperties());
		try {
			int port = server.getWebServer().getPort();
			this.runner.withPropertyValues(clientProperties(TestCertificates.CA_CERTIFICATE)).run((context) -> {
				Throwable failure = catchThrowable(() -> context.getBean(MtlsHttpClients.class)
					.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
							HttpResponse.BodyHandlers.ofString()));
				assertThat(ServerRefusals.certificateAlert(failure)).as("alert in %s", failure).isNotNull();
				assertThat(refusals(context.getBean(MeterRegistry.class))).isEqualTo(1);
				WebClient.Builder webClient = WebClient.builder();
				context.getBean(MtlsWebClientCustomizer.class).customize(webClient);
				Throwable reactive = catchThrowable(() -> webClient.build()
					.get()
					.uri("https://localhost:" + port + "/")
					.retrieve()
					.bodyToMono(String.class)
					.block());
				assertThat(ServerRefusals.certificateAlert(reactive)).as("alert in %s", reactive).isNotNull();
				assertThat(refusals(context.getBean(MeterRegistry.class))).isEqualTo(2);
			});
		}
		finally {
			server.close();
		}
	}

	private String[] clientProperties(Path trust) {
		IssuedCertificate client = CA.client("CN=orders,O=Example").issue();
		return new String[] { "mtls.client.certificate=" + client.writeChainPem(this.directory.resolve("client.crt")),
				"mtls.client.private-key=" + client.writePrivateKeyPem(this.directory.resolve("client.key")),
				"mtls.client.trust=" + trust };
	}

	private static double refusals(MeterRegistry registry) {
		return registry.get("mtls.client.handshake")
			.tag("outcome", "refused")
			.tag("reason", "refused-by-server")
			.counter()
			.count();
	}

}
