package io.mtls.sample;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.PemDecoder;
import io.mtls.boot.dev.DevPki;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The sample application as shipped: dev PKI, client certificates required, and
 * {@code /whoami} describing the caller.
 */
class SampleApplicationTests {

	@TempDir
	static Path directory;

	private static ServletWebServerApplicationContext context;

	private static int peerPort;

	@BeforeAll
	static void start() throws Exception {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			peerPort = socket.getLocalPort();
		}
		context = (ServletWebServerApplicationContext) SpringApplication.run(SampleApplication.class, "--server.port=0",
				"--mtls.dev.directory=" + directory,
				"--sample.downstream-url=https://localhost:" + peerPort + "/whoami");
	}

	@Test
	void twoInstancesCallEachOtherWithTheDevPki() throws Exception {
		int port = context.getWebServer().getPort();
		try (ServletWebServerApplicationContext peer = (ServletWebServerApplicationContext) SpringApplication.run(
				SampleApplication.class, "--server.port=" + peerPort, "--mtls.dev.directory=" + directory,
				"--sample.downstream-url=https://localhost:" + port + "/whoami")) {
			HttpResponse<String> viaPeer = client("alice").send(
					HttpRequest.newBuilder(URI.create("https://localhost:" + peerPort + "/downstream")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(viaPeer.statusCode()).isEqualTo(200);
			assertThat(viaPeer.body()).startsWith("{\"status\":200,\"body\":")
				.contains("\\\"principal\\\":\\\"localhost\\\"");
			HttpResponse<String> toPeer = get(client("alice"), "/downstream");
			assertThat(toPeer.statusCode()).isEqualTo(200);
			assertThat(toPeer.body()).startsWith("{\"status\":200,\"body\":")
				.contains("\\\"principal\\\":\\\"localhost\\\"");
		}
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void whoamiDescribesTheVerifiedClientCertificate() throws Exception {
		HttpResponse<String> response = get(client("alice"), "/whoami");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"principal\":\"alice\"")
			.contains("\"subject\":\"CN=alice,OU=ops,O=mtls-spring-boot dev PKI\"")
			.contains("\"issuer\":\"CN=mtls-spring-boot dev root CA,O=mtls-spring-boot dev PKI\"")
			.containsPattern("\"sha256Fingerprint\":\"[0-9a-f]{64}\"");
	}

	@Test
	void whoamiShowsTheSpiffeIdOfAWorkloadAndItsServiceRole() throws Exception {
		HttpResponse<String> response = get(client("orders-service"), "/whoami");
		assertThat(response.body()).contains("\"spiffeId\":\"spiffe://mtls.dev/ns/default/sa/orders\"")
			.contains("\"authorities\":[\"FACTOR_X509\",\"ROLE_SERVICE\",\"ROLE_USER\"]");
	}

	@Test
	void rolesFollowTheCertificateIdentity() throws Exception {
		assertThat(get(client("alice"), "/whoami").body())
			.contains("\"authorities\":[\"FACTOR_X509\",\"ROLE_ADMIN\",\"ROLE_USER\"]");
		assertThat(get(client("bob"), "/whoami").body()).contains("\"authorities\":[\"FACTOR_X509\",\"ROLE_USER\"]");
	}

	@Test
	void onlyAdminsReachAdminAndActuatorPathsButEveryoneSeesHealth() throws Exception {
		assertThat(get(client("alice"), "/admin/status").statusCode()).isEqualTo(200);
		assertThat(get(client("alice"), "/actuator/info").statusCode()).isEqualTo(200);
		HttpResponse<String> forbidden = get(client("bob"), "/admin/status");
		assertThat(forbidden.statusCode()).isEqualTo(403);
		assertThat(forbidden.body()).contains("\"reason\":\"forbidden\"");
		assertThat(get(client("bob"), "/actuator/info").statusCode()).isEqualTo(403);
		assertThat(get(client("bob"), "/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void adminsReadTheCertificateInventoryAndMetrics() throws Exception {
		get(client("bob"), "/whoami");
		HttpResponse<String> mtls = get(client("alice"), "/actuator/mtls");
		assertThat(mtls.statusCode()).isEqualTo(200);
		assertThat(mtls.body()).contains("\"subject\":\"CN=localhost,O=mtls-spring-boot dev PKI\"")
			.contains("\"principal\":\"bob\"")
			.contains("\"status\":\"VALID\"");
		assertThat(get(client("bob"), "/actuator/mtls").statusCode()).isEqualTo(403);
		assertThat(get(client("alice"), "/actuator/prometheus").body()).containsPattern(
				"mtls_certificate_expiry_seconds\\{cn=\"localhost\",role=\"server\",serial=\"[0-9a-f]+\"\\}");
		assertThat(get(client("alice"), "/actuator/health/readiness").body()).contains("\"mtls\"");
	}

	@Test
	void methodSecurityAndErrorPagesSeeTheCertificateIdentity() throws Exception {
		assertThat(get(client("orders-service"), "/orders").body())
			.contains("\"caller\":\"spiffe://mtls.dev/ns/default/sa/orders\"");
		assertThat(get(client("bob"), "/orders").statusCode()).isEqualTo(403);
		HttpResponse<String> missing = get(client("bob"), "/nonexistent");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("\"path\":\"/nonexistent\"");
	}

	@Test
	void clientsWithoutCertificateAreRefused() {
		assertThatIOException().isThrownBy(() -> get(MtlsClients.httpClient(null, caCertificate()), "/whoami"));
	}

	private static HttpResponse<String> get(HttpClient client, String path) throws Exception {
		int port = context.getWebServer().getPort();
		return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A client presenting the PKCS12 file the dev PKI wrote for browsers, through the
	 * JDK's standard key manager.
	 */
	private static HttpClient client(String name) throws Exception {
		KeyStore pkcs12 = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(directory.resolve(name + ".p12"))) {
			pkcs12.load(in, DevPki.PKCS12_PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
		keyManagers.init(pkcs12, DevPki.PKCS12_PASSWORD.toCharArray());
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(TestPki.trustStore("PKCS12", null, caCertificate()));
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return HttpClient.newBuilder().sslContext(sslContext).build();
	}

	private static X509Certificate caCertificate() {
		return PemDecoder.certificates(MaterialSource.ofPath("test", directory.resolve("ca.crt"))).get(0);
	}

}
