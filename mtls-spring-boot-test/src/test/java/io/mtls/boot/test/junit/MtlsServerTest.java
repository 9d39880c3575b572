package io.mtls.boot.test.junit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sends requests through {@link MtlsServer} to a JDK {@link HttpsServer} that requires
 * client certificates and answers with the subject it authenticated.
 */
class MtlsServerTest {

	private static CertificateAuthority root;

	private static IssuedCertificate alice;

	private static HttpsServer httpsServer;

	private static MtlsServer server;

	@BeforeAll
	static void startServer() throws Exception {
		root = TestPki.rootCa("CN=Server Test Root").issue();
		alice = root.intermediateCa("CN=Server Test Intermediate").issue().client("CN=alice,O=Example").issue();
		httpsServer = HttpsServer.create(new InetSocketAddress(0), 0);
		httpsServer.setHttpsConfigurator(new HttpsConfigurator(serverContext(root.localhostServer())) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters sslParameters = getSSLContext().getDefaultSSLParameters();
				sslParameters.setNeedClientAuth(true);
				parameters.setSSLParameters(sslParameters);
			}

		});
		httpsServer.createContext("/whoami", (exchange) -> {
			byte[] body = ((HttpsExchange) exchange).getSSLSession()
				.getPeerPrincipal()
				.getName()
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		httpsServer.start();
		server = new MtlsServer(httpsServer.getAddress().getPort());
	}

	@AfterAll
	static void stopServer() {
		httpsServer.stop(0);
	}

	@Test
	void urlPointsAtThePathOnLocalhost() {
		assertThat(new MtlsServer(8443).url("/actuator/health"))
			.isEqualTo(URI.create("https://localhost:8443/actuator/health"));
	}

	@Test
	void getPresentsTheIdentityAndTrustsItsRootByDefault() throws Exception {
		HttpResponse<String> response = server.get(alice, "/whoami");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("CN=alice,O=Example");
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
	}

	@Test
	void getWithoutIdentityIsRejectedByTheServer() {
		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> server.trusting(root.certificate()).get(null, "/whoami"));
	}

	@Test
	void trustingOtherAnchorsRejectsTheServer() {
		MtlsServer distrusting = server.trusting(TestPki.rootCa("CN=Server Test Root").issue().certificate());

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> distrusting.get(alice, "/whoami"));
	}

	@Test
	void trustingReturnsACopyAndLeavesTheOriginalUnchanged() {
		MtlsServer trusting = server.trusting(root.certificate());

		assertThat(trusting).isNotSameAs(server);
		assertThat(trusting.url("/x")).isEqualTo(server.url("/x"));
		assertThat(trusting.client(null)).isNotNull();
		assertThatIllegalStateException().isThrownBy(() -> server.client(null)).withMessageContaining("trusting");
	}

	private static SSLContext serverContext(IssuedCertificate identity) throws Exception {
		char[] password = "server".toCharArray();
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(identity.toKeyStore("PKCS12", password), password);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
		trustManagers.init(TestPki.trustStore("PKCS12", password, identity.root()));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return context;
	}

}
