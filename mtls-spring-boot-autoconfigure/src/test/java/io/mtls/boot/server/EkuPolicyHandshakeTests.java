package io.mtls.boot.server;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.mtls.boot.test.client.MtlsClients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.identity.require-client-auth-eku=false} admits a serverAuth-only client
 * certificate, which proves the handshake uses the mTLS trust manager rather than the
 * JDK's (which would refuse it).
 */
class EkuPolicyHandshakeTests {

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void serverAuthOnlyCertificateIsAdmittedWhenThePolicyIsOff(EmbeddedServer server) throws Exception {
		try (ConfigurableWebServerApplicationContext context = server.start(EmbeddedServer
			.properties(TestCertificates.pemProperties(), "mtls.identity.require-client-auth-eku=false"))) {
			URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + "/whoami");
			HttpResponse<String> response = MtlsClients
				.httpClient(TestCertificates.SERVER_AUTH_ONLY, TestCertificates.CA.certificate())
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("CN=serverauth,O=mtls-test");
		}
	}

}
