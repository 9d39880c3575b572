package io.mtls.boot.client;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.core.reload.ReloadStatus;
import io.mtls.boot.reload.SecretDirectory;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A running application whose outbound identity comes from its own
 * {@code mtls.client.secret-dir} (the server keeps its own files): a kubelet-style
 * {@code ..data} swap reaches the next call to nginx with no call failing, and a broken
 * client file never replaces the working material, the failure showing in
 * {@code /actuator/mtls}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientSecretRotationNginxTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root,O=Example").issue();

	@TempDir
	static Path directory;

	private static Nginx nginx;

	private static SecretDirectory secret;

	private static ConfigurableWebServerApplicationContext context;

	private static IssuedCertificate current;

	@BeforeAll
	static void start() throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").ip("127.0.0.1").issue());
		nginx = Nginx.start(directory.resolve("nginx"), CA, servers);
		current = CA.client("CN=orders,O=Example").issue();
		secret = new SecretDirectory(Files.createDirectories(directory.resolve("client-secret")), current);
		context = EmbeddedServer.TOMCAT.start(Stream
			.concat(Stream.of(TestCertificates.pemProperties()), Stream.of("mtls.client.secret-dir=" + secret.path(),
					"mtls.reload.quiet-period=100ms", "management.endpoints.web.exposure.include=mtls"))
			.toArray(String[]::new));
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

	@Test
	@Order(1)
	void aSwapOfTheClientSecretReachesTheNextCallWithNoCallFailing() throws Exception {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		assertThat(serial(call(client))).isEqualTo(current.certificate().getSerialNumber());
		IssuedCertificate next = CA.client("CN=orders,O=Example").issue();
		List<Throwable> failures = new ArrayList<>();
		long swapped = System.nanoTime();
		secret.swap(next);
		long deadline = swapped + Duration.ofSeconds(2).toNanos();
		BigInteger presented = null;
		while (System.nanoTime() < deadline) {
			try {
				presented = serial(call(client));
				if (presented.equals(next.certificate().getSerialNumber())) {
					break;
				}
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
			Thread.sleep(20);
		}
		assertThat(failures).isEmpty();
		assertThat(presented).as("serial presented within 2 s").isEqualTo(next.certificate().getSerialNumber());
		current = next;
		assertThat(clientSection()).containsEntry("source", "mtls.client");
	}

	@Test
	@Order(2)
	void aBrokenClientFileNeverReplacesTheWorkingMaterial() throws Exception {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		assertThat(serial(call(client))).isEqualTo(current.certificate().getSerialNumber());
		// a kubelet-style swap to a version whose tls.crt is broken
		Path broken = Files.createDirectories(secret.path().resolve("..2026_11_24_broken"));
		current.writeKubernetesSecret(broken);
		Files.writeString(broken.resolve("tls.crt"),
				"-----BEGIN CERTIFICATE-----\ngarbage\n-----END CERTIFICATE-----\n");
		Path temporary = Files.createSymbolicLink(secret.path().resolve("..data_tmp"), broken.getFileName());
		Files.move(temporary, secret.path().resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		ReloadStatus status = reloadStatus();
		while (status.lastFailureReason() == null && System.nanoTime() < deadline) {
			assertThat(serial(call(client))).isEqualTo(current.certificate().getSerialNumber());
			Thread.sleep(20);
			status = reloadStatus();
		}
		assertThat(status.lastFailureReason()).contains("mtls.client.secret-dir");
		assertThat(status.failures()).isEqualTo(1);
		assertThat(serial(call(client))).isEqualTo(current.certificate().getSerialNumber());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> clientSection() {
		return (Map<String, Object>) context.getBean(MtlsEndpoint.class).mtls().get("client");
	}

	private static ReloadStatus reloadStatus() {
		return (ReloadStatus) clientSection().get("reload");
	}

	private static String call(RestClient client) {
		return client.get().uri(nginx.url("good")).retrieve().body(String.class);
	}

	private static BigInteger serial(String body) {
		return new BigInteger(Nginx.split(body).get(1), 16);
	}

}
