package io.mtls.boot.client;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.autoconfigure.MtlsClientAutoConfiguration;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.reload.SecretDirectory;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.client.max-connection-age-after-rotation} against an nginx that keeps
 * connections alive: after a rotation, the JDK clients of {@link MtlsHttpClients} and the
 * Apache HttpClient 5 request factory of the customized {@code RestClient.Builder} stop
 * reusing the connections of the old certificate once that age has passed, with no call
 * failing, while a plain JDK client on the same {@code SSLContext} keeps presenting the
 * old certificate over its pooled connection.
 */
class ConnectionAgeAfterRotationNginxTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root,O=Example").issue();

	@TempDir
	static Path directory;

	private static Nginx nginx;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void start() throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").ip("127.0.0.1").issue());
		nginx = Nginx.start(directory.resolve("nginx"), CA, servers, true);
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
		}
	}

	@Test
	void pooledConnectionsOfTheOldCertificateStopCarryingRequestsOnceTheAgeHasPassed() throws Exception {
		IssuedCertificate first = CA.client("CN=orders,O=Example").issue();
		SecretDirectory secret = new SecretDirectory(Files.createDirectories(directory.resolve("secret")), first);
		this.runner
			.withPropertyValues("mtls.client.secret-dir=" + secret.path(), "mtls.reload.quiet-period=100ms",
					"mtls.client.max-connection-age-after-rotation=500ms")
			.run((context) -> {
				HttpClient jdk = context.getBean(MtlsHttpClients.class).newHttpClient();
				HttpClient plain = HttpClient.newBuilder()
					.sslContext(context.getBean(ClientTls.class).sslContext())
					.build();
				RestClient.Builder builder = RestClient.builder();
				context.getBean(MtlsRestClientCustomizer.class).customize(builder);
				RestClient apache = builder.build();
				assertThat(builder.build()).extracting("clientRequestFactory")
					.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
				assertThat(serial(call(jdk))).isEqualTo(serial(first));
				assertThat(serial(call(plain))).isEqualTo(serial(first));
				assertThat(serial(call(apache))).isEqualTo(serial(first));

				IssuedCertificate second = CA.client("CN=orders,O=Example").issue();
				long swapped = System.nanoTime();
				secret.swap(second);
				List<Throwable> failures = new ArrayList<>();
				BigInteger jdkSerial = null;
				BigInteger apacheSerial = null;
				long deadline = swapped + Duration.ofSeconds(4).toNanos();
				while (System.nanoTime() < deadline
						&& !(serial(second).equals(jdkSerial) && serial(second).equals(apacheSerial))) {
					try {
						jdkSerial = serial(call(jdk));
						apacheSerial = serial(call(apache));
					}
					catch (Exception ex) {
						failures.add(ex);
					}
					Thread.sleep(20);
				}
				long millis = Duration.ofNanos(System.nanoTime() - swapped).toMillis();
				System.out.println("max-connection-age-after-rotation=500ms: new serial on pooled clients " + millis
						+ " ms after the swap");
				assertThat(failures).isEmpty();
				assertThat(jdkSerial).as("JDK client").isEqualTo(serial(second));
				assertThat(apacheSerial).as("Apache HttpClient").isEqualTo(serial(second));
				assertThat(millis).as("not before the age has passed").isGreaterThanOrEqualTo(500);
				assertThat(serial(call(plain))).as("a client without the cap keeps its pooled connection")
					.isEqualTo(serial(first));
			});
	}

	private static String call(HttpClient client) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(nginx.url("good"))).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String call(RestClient client) {
		return client.get().uri(nginx.url("good")).retrieve().body(String.class);
	}

	private static BigInteger serial(String body) {
		return new BigInteger(Nginx.split(body).get(1), 16);
	}

	private static BigInteger serial(IssuedCertificate certificate) {
		return certificate.certificate().getSerialNumber();
	}

}
