package io.mtls.boot.server;

import java.net.http.HttpResponse;

import io.mtls.boot.test.junit.MtlsServer;
import io.mtls.boot.test.junit.MtlsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * The test support a user gets: a {@code @SpringBootTest} on a random port, and
 * {@link MtlsServerExtension} handing the test the server and clients presenting chosen
 * identities.
 */
@SpringBootTest(classes = EchoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.autoconfigure.exclude=org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration")
@ExtendWith(MtlsServerExtension.class)
class MtlsServerExtensionIntegrationTests {

	@DynamicPropertySource
	static void material(DynamicPropertyRegistry registry) {
		registry.add("mtls.server.certificate", TestCertificates.SERVER_CERTIFICATE::toString);
		registry.add("mtls.server.private-key", TestCertificates.SERVER_KEY::toString);
		registry.add("mtls.server.trust", TestCertificates.CA_CERTIFICATE::toString);
	}

	@Test
	void clientPresentingAChosenIdentityReachesTheServer(MtlsServer server) throws Exception {
		HttpResponse<String> response = server.get(TestCertificates.ALICE, "/whoami");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("CN=alice,OU=ops,O=mtls-test");
		assertThat(server.url("/whoami").getScheme()).isEqualTo("https");
	}

	@Test
	void identityFromAnotherCaIsRefused(MtlsServer server) {
		assertThatIOException().isThrownBy(
				() -> server.trusting(TestCertificates.CA.certificate()).get(TestCertificates.MALLORY, "/whoami"));
	}

}
