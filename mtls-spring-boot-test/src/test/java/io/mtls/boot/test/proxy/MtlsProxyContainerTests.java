package io.mtls.boot.test.proxy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;

import com.sun.net.httpserver.HttpServer;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.client.MtlsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each proxy of the image in front of a plain HTTP server in this JVM that answers with
 * the forwarding header and the caller's address: the header holds the client's
 * certificate in the proxy's documented encoding, the proxy calls from its source
 * address, and a client of another CA never reaches the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MtlsProxyContainerTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Proxy Test CA").issue();

	private static final IssuedCertificate ALICE = CA.client("CN=alice").issue();

	private static final IssuedCertificate STRANGER = TestPki.rootCa("CN=Other CA").issue().client("CN=eve").issue();

	private HttpServer echo;

	@BeforeAll
	void startEcho() throws IOException {
		this.echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.echo.createContext("/", (exchange) -> {
			String header = exchange.getRequestHeaders().getFirst(exchange.getRequestURI().getQuery());
			byte[] body = (exchange.getRemoteAddress().getAddress().getHostAddress() + "\n" + header)
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.echo.start();
	}

	@AfterAll
	void stopEcho() {
		this.echo.stop(0);
	}

	@ParameterizedTest
	@EnumSource(MtlsProxyContainer.Proxy.class)
	void forwardsTheVerifiedCertificateInItsEncodingFromItsSourceAddress(MtlsProxyContainer.Proxy proxy)
			throws Exception {
		try (MtlsProxyContainer container = new MtlsProxyContainer(proxy,
				DockerImageName.parse(MtlsProxyContainer.DEFAULT_IMAGE))
			.withServerCertificate(CA.localhostServer())
			.withClientCa(CA.certificate())
			.forwardingTo(this.echo.getAddress().getPort())) {
			container.start();
			String[] answer = get(container, ALICE).split("\n", 2);
			assertThat(answer[0]).isEqualTo(container.sourceAddress());
			assertThat(answer[1]).isEqualTo(expectedHeader(proxy, ALICE));
			assertThat(container.applicationProperties()).contains("mtls.proxy.format=" + proxy.formatName(),
					"mtls.proxy.trusted-addresses=" + container.sourceAddress() + "/32");
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(container, STRANGER));
		}
	}

	@Test
	void certificatesCopiedIntoAContainerLetItsCurlThroughTheProxyAsPemAndPkcs12() throws Exception {
		try (MtlsProxyContainer proxy = MtlsProxyContainer.nginx()
			.withServerCertificate(CA.localhostServer())
			.withClientCa(CA.certificate())
			.forwardingTo(this.echo.getAddress().getPort());
				GenericContainer<?> client = new GenericContainer<>(
						DockerImageName.parse(MtlsProxyContainer.DEFAULT_IMAGE))
					.withNetworkMode("host")
					.withImagePullPolicy((name) -> false)
					.withCommand("sleep", "300")) {
			proxy.start();
			ContainerCertificates.copy(client, "/etc/tls/alice", ALICE, "secret".toCharArray());
			client.start();
			String url = proxy.url("/?" + proxy.header());
			String expected = proxy.sourceAddress() + "\n" + expectedHeader(MtlsProxyContainer.Proxy.NGINX, ALICE);
			assertThat(client
				.execInContainer("curl", "-sS", "--cacert", "/etc/tls/alice/ca.crt", "--cert", "/etc/tls/alice/tls.crt",
						"--key", "/etc/tls/alice/tls.key", url)
				.getStdout()).isEqualTo(expected);
			assertThat(client
				.execInContainer("curl", "-sS", "--cacert", "/etc/tls/alice/ca.crt", "--cert-type", "P12", "--cert",
						"/etc/tls/alice/keystore.p12:secret", url)
				.getStdout()).isEqualTo(expected);
		}
	}

	private static String get(MtlsProxyContainer container, IssuedCertificate client) throws Exception {
		HttpClient http = MtlsClients.httpClient(client, CA.certificate());
		HttpResponse<String> response = http.send(
				HttpRequest.newBuilder(URI.create(container.url("/?" + container.header()))).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("refused by the proxy with " + response.statusCode());
		}
		return response.body();
	}

	private static String expectedHeader(MtlsProxyContainer.Proxy proxy, IssuedCertificate client) {
		String pem = client.certificatePem();
		String der = Base64.getEncoder().encodeToString(encoded(client));
		return switch (proxy) {
			// nginx escapes the PEM as a URL component, keeping letters, digits and
			// "-._~"
			case NGINX -> urlEscaped(pem);
			case HAPROXY, CADDY -> der;
			// mod_headers turns the PEM's line breaks into spaces
			case APACHE -> pem.strip().replace('\n', ' ');
		};
	}

	private static byte[] encoded(IssuedCertificate client) {
		try {
			return client.certificate().getEncoded();
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String urlEscaped(String text) {
		StringBuilder escaped = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
			char c = (char) b;
			if (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0) {
				escaped.append(c);
			}
			else {
				escaped.append('%').append(String.format("%02X", b));
			}
		}
		return escaped.toString();
	}

}
