package io.mtls.boot.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.security.SecurityTestPki.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default chain with client-auth 'want' and SPIFFE IDs as principal names: callers
 * without a certificate get a 401 problem, open paths stay open, and no user store or
 * generated password exists.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtlsSecurityWantModeTests {

	private static ConfigurableWebServerApplicationContext context;

	@BeforeAll
	static void start() {
		String[] properties = SecurityTestPki.serverProperties("want");
		context = EmbeddedServer.JETTY.start(SecuredApplication.class, properties[0], properties[1], properties[2],
				properties[3], "mtls.identity.principal=spiffe-id", "mtls.authorization.access[0].pattern=/open",
				"mtls.authorization.access[0].permit-all=true");
	}

	@AfterAll
	static void stop() {
		context.close();
	}

	@Test
	void callerWithoutCertificateGetsA401ProblemWithItsReason() throws Exception {
		HttpResponse<String> response = anonymous("/whoami");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.body()).contains("\"title\":\"Unauthorized\"", "\"status\":401",
				"\"reason\":\"no-certificate\"", "\"instance\":\"/whoami\"");
	}

	@Test
	void openPathsNeedNoCertificate() throws Exception {
		HttpResponse<String> response = anonymous("/open");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("open");
	}

	@Test
	void principalNameIsTheSpiffeId() throws Exception {
		HttpResponse<String> response = get(context,
				ROOT.client("CN=w,O=Example").uri("spiffe://example.org/ns/prod/sa/orders").issue(), "/whoami");
		assertThat(response.body()).startsWith("spiffe://example.org/ns/prod/sa/orders|");
	}

	@Test
	void certificateWithoutTheChosenPrincipalAttributeIsRefused() throws Exception {
		HttpResponse<String> response = get(context, ROOT.client("CN=plain,O=Example").issue(), "/whoami");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"reason\":\"no-principal\"");
	}

	@Test
	void noUserDetailsServiceAndNoGeneratedPassword(CapturedOutput output) {
		assertThat(context.getBeanProvider(UserDetailsService.class).getIfAvailable()).isNull();
		assertThat(output).doesNotContain("Using generated security password");
	}

	private static HttpResponse<String> anonymous(String path) throws Exception {
		HttpClient client = MtlsClients.httpClient(null, ROOT.certificate());
		URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + path);
		return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

}
