package io.mtls.boot.client;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.actuate.CertificateDescriptor;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.tls.ServerCertificateRejectedException;
import io.mtls.boot.reload.SecretDirectory;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.ExtendedKeyUsage;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Outbound calls to a real nginx that demands client certificates: the service presents
 * its own certificate through every HTTP client Spring Boot supports, follows a
 * Kubernetes secret rotation without rebuilding a client, and refuses servers it must not
 * trust, naming the reason.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NginxDownstreamTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root,O=Example").issue();

	private static final CertificateAuthority OTHER_CA = TestPki.rootCa("CN=Other Root,O=Example").issue();

	private static final String PAYMENTS = "spiffe://example.org/ns/payments/sa/api";

	@TempDir
	static Path directory;

	private static Nginx nginx;

	private static SecretDirectory secret;

	private static ConfigurableWebServerApplicationContext context;

	private static IssuedCertificate service;

	@BeforeAll
	static void start() throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").ip("127.0.0.1").uri(PAYMENTS).issue());
		servers.put("untrusted", OTHER_CA.server("CN=payments,O=Example").dns("localhost").uri(PAYMENTS).issue());
		servers.put("expired", CA.server("CN=payments,O=Example").dns("localhost").uri(PAYMENTS).expired().issue());
		servers.put("hostname", CA.server("CN=payments,O=Example").dns("payments.example.org").uri(PAYMENTS).issue());
		servers.put("identity",
				CA.server("CN=billing,O=Example")
					.dns("localhost")
					.uri("spiffe://example.org/ns/billing/sa/api")
					.issue());
		nginx = Nginx.start(directory.resolve("nginx"), CA, servers);
		service = serviceCertificate();
		secret = new SecretDirectory(java.nio.file.Files.createDirectories(directory.resolve("secret")), service);
		context = EmbeddedServer.TOMCAT.start("mtls.server.secret-dir=" + secret.path(),
				"mtls.reload.quiet-period=100ms",
				"mtls.client.server-identity.spiffe-id=spiffe://example.org/ns/payments/**",
				"management.endpoints.web.exposure.include=mtls");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		if (nginx != null) {
			nginx.close();
		}
	}

	private static IssuedCertificate serviceCertificate() {
		return CA.server("CN=orders,O=Example")
			.dns("localhost")
			.ip("127.0.0.1")
			.extendedKeyUsage(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH)
			.issue();
	}

	@Test
	@Order(1)
	void theAutoConfiguredRestClientPresentsTheServiceCertificate() {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		assertPresents(client.get().uri(nginx.url("good")).retrieve().body(String.class), service);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "http-components", "jetty", "reactor" })
	@Order(2)
	void everyClientFactoryPresentsTheServiceCertificateThroughTheBundle(String factory) {
		ClientHttpRequestFactoryBuilder<?> builder = switch (factory) {
			case "jdk" -> ClientHttpRequestFactoryBuilder.jdk();
			case "http-components" -> ClientHttpRequestFactoryBuilder.httpComponents();
			case "jetty" -> ClientHttpRequestFactoryBuilder.jetty();
			default -> ClientHttpRequestFactoryBuilder.reactor();
		};
		HttpClientSettings settings = HttpClientSettings
			.ofSslBundle(context.getBean(SslBundles.class).getBundle("mtls-client"));
		RestClient client = RestClient.builder().requestFactory(builder.build(settings)).build();
		assertPresents(client.get().uri(nginx.url("good")).retrieve().body(String.class), service);
	}

	@Test
	@Order(3)
	void webClientRestTemplateAndJdkHttpClientPresentTheServiceCertificate() throws Exception {
		WebClient webClient = context.getBean(WebClient.Builder.class).build();
		assertPresents(webClient.get().uri(nginx.url("good")).retrieve().bodyToMono(String.class).block(), service);
		assertPresents(context.getBean(RestTemplateBuilder.class).build().getForObject(nginx.url("good"), String.class),
				service);
		java.net.http.HttpResponse<String> response = context.getBean(MtlsHttpClients.class)
			.newHttpClient()
			.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(nginx.url("good"))).build(),
					java.net.http.HttpResponse.BodyHandlers.ofString());
		assertPresents(response.body(), service);
	}

	@ParameterizedTest
	@CsvSource({ "untrusted, UNTRUSTED", "expired, EXPIRED", "hostname, HOSTNAME", "identity, SERVER_IDENTITY" })
	@Order(4)
	void callsToServersThatMustNotBeTrustedFailWithTheReason(String server, RejectionReason reason) {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		Throwable failure = catchThrowable(() -> client.get().uri(nginx.url(server)).retrieve().body(String.class));
		ServerCertificateRejectedException rejected = ServerCertificateRejectedException.find(failure);
		assertThat(rejected).as("rejection in %s", failure).isNotNull();
		assertThat(rejected.reason()).isEqualTo(reason);
		assertThat(failure).hasMessageContaining("[" + reason.code() + "]");
		if (reason == RejectionReason.SERVER_IDENTITY) {
			assertThat(failure)
				.hasMessageContaining(
						"expected mtls.client.server-identity {spiffe-id=spiffe://example.org/ns/payments/**}")
				.hasMessageContaining("presented")
				.hasMessageContaining("spiffe://example.org/ns/billing/sa/api");
		}
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("mtls.client.handshake")
			.tag("outcome", "rejected")
			.tag("reason", reason.code())
			.counter()
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	@Order(5)
	@SuppressWarnings("unchecked")
	void afterASecretSwapTheNextCallPresentsTheNewSerialWithNoClientRebuiltAndNoCallFailing() throws Exception {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		assertPresents(client.get().uri(nginx.url("good")).retrieve().body(String.class), service);
		IssuedCertificate next = serviceCertificate();
		List<Throwable> failures = new ArrayList<>();
		long swapped = System.nanoTime();
		secret.swap(next);
		long deadline = swapped + Duration.ofSeconds(2).toNanos();
		BigInteger presented = null;
		int calls = 0;
		while (System.nanoTime() < deadline) {
			calls++;
			try {
				presented = serial(client.get().uri(nginx.url("good")).retrieve().body(String.class));
				if (presented.equals(next.certificate().getSerialNumber())) {
					break;
				}
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
			Thread.sleep(20);
		}
		long millis = Duration.ofNanos(System.nanoTime() - swapped).toMillis();
		System.out.println("outbound rotation: new serial presented " + millis + " ms after the ..data swap, after "
				+ calls + " calls");
		assertThat(failures).isEmpty();
		assertThat(presented).as("serial presented within 2 s").isEqualTo(next.certificate().getSerialNumber());
		MeterRegistry registry = context.getBean(MeterRegistry.class);
		assertThat(registry.get("mtls.certificate.expiry").tag("role", "outbound").gauges()).singleElement()
			.satisfies((gauge) -> assertThat(gauge.getId().getTag("serial"))
				.isEqualTo(next.certificate().getSerialNumber().toString(16)));
		Map<String, Object> outbound = (Map<String, Object>) context.getBean(MtlsEndpoint.class).mtls().get("client");
		assertThat(outbound).containsEntry("source", "mtls.server").containsKey("trust");
		assertThat((List<CertificateDescriptor>) outbound.get("certificate")).first()
			.satisfies((descriptor) -> assertThat(descriptor.notAfter())
				.isEqualTo(next.certificate().getNotAfter().toInstant()));
	}

	private static void assertPresents(String body, IssuedCertificate certificate) {
		List<String> parts = Nginx.split(body);
		assertThat(parts.get(0)).isEqualTo("CN=orders,O=Example");
		assertThat(serial(body)).isEqualTo(certificate.certificate().getSerialNumber());
	}

	private static BigInteger serial(String body) {
		return new BigInteger(Nginx.split(body).get(1), 16);
	}

}
