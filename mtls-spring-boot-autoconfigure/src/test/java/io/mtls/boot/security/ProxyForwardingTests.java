package io.mtls.boot.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.ExternalClient;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.nginx.NginxProcess;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real nginx ends mTLS in front of the application and forwards the verified client
 * certificate ({@code $ssl_client_escaped_cert}) from 127.0.0.2, the only trusted proxy
 * address; the application's own listener asks for no client certificate. Forwarded
 * headers from anyone else, and forged or malformed ones from the trusted address, are
 * refused with their reason. Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class ProxyForwardingTests {

	private static final String HEADER = "X-SSL-Client-Cert";

	private static final IssuedCertificate BOB = TestCertificates.CA.client("CN=bob,OU=dev,O=mtls-test").issue();

	private static final IssuedCertificate CAROL = TestCertificates.CA.client("CN=carol,O=mtls-test").issue();

	private Path directory;

	private ConfigurableWebServerApplicationContext context;

	private NginxProcess nginx;

	private int nginxPort;

	abstract EmbeddedServer server();

	@BeforeAll
	void start(@TempDir Path directory) throws Exception {
		this.directory = directory;
		this.context = server().start(SecuredApplication.class, EmbeddedServer.properties(
				TestCertificates.pemProperties(), "mtls.server.client-auth=none", "mtls.proxy.enabled=true",
				"mtls.proxy.format=nginx", "mtls.proxy.header=" + HEADER, "mtls.proxy.trusted-addresses=127.0.0.2/32",
				"mtls.authorization.rules[0].subject=OU=ops", "mtls.authorization.rules[0].authorities=ROLE_ADMIN",
				"mtls.authorization.access[0].pattern=/admin/**", "mtls.authorization.access[0].authorities=ROLE_ADMIN",
				"mtls.revocation.deny=sha256:" + CAROL.sha256Fingerprint(),
				"management.endpoints.web.exposure.include=mtls"));
		this.nginxPort = NginxProcess.freePort();
		this.nginx = startNginx(this.context.getWebServer().getPort());
	}

	@AfterAll
	void stop() {
		if (this.nginx != null) {
			this.nginx.close();
		}
		this.context.close();
	}

	@Test
	void clientVerifiedByTheProxyIsAuthenticatedWithItsRules() {
		ExternalClient.Result result = throughNginx(TestCertificates.ALICE, "/whoami");
		assertThat(result.stdout()).as(result.stderr())
			.isEqualTo("alice|[FACTOR_X509, ROLE_ADMIN]|CN=alice,OU=ops,O=mtls-test200\n");
		assertThat(throughNginx(TestCertificates.ALICE, "/admin/status").stdout()).isEqualTo("admin200\n");
	}

	@Test
	void endpointShowsForwardedClientsAsSeenViaTheProxy() {
		assertThat(throughNginx(TestCertificates.ALICE, "/whoami").stdout()).endsWith("200\n");
		String body = throughNginx(TestCertificates.ALICE, "/actuator/mtls").stdout();
		assertThat(body).as(body).endsWith("200\n");
		JsonNode alice = null;
		for (JsonNode client : JsonMapper.shared()
			.readTree(body.substring(0, body.lastIndexOf('}') + 1))
			.get("clients")) {
			if (client.get("certificate").get("subject").asString().equals("CN=alice,OU=ops,O=mtls-test")) {
				alice = client;
			}
		}
		assertThat(alice).as(body).isNotNull();
		assertThat(alice.get("via").toString()).isEqualTo("[\"proxy\"]");
		assertThat(this.context.getBean(MeterRegistry.class)
			.find("mtls.certificate.expiry")
			.tag("role", "client")
			.tag("cn", "alice")
			.gauge()).isNotNull();
	}

	@Test
	void rulesDecideForForwardedClientsAsForDirectOnes() {
		assertThat(throughNginx(BOB, "/admin/status").stdout()).endsWith("403\n");
	}

	@Test
	void forwardedCertificateOnTheDenyListIsRefusedWithItsReason(CapturedOutput output) {
		ExternalClient.Result result = throughNginx(CAROL, "/whoami");
		assertThat(result.stdout()).contains("\"reason\":\"denied\"").endsWith("401\n");
		assertThat(output).contains("Forwarded client certificate refused (reason: denied)");
	}

	@Test
	void clientFromAnUntrustedCaIsRefusedByTheProxy() {
		ExternalClient.Result result = throughNginx(TestCertificates.MALLORY, "/whoami");
		assertThat(result.stdout()).contains("The SSL certificate error").endsWith("400\n");
	}

	@Test
	void forwardedHeaderFromAnUntrustedAddressIsRefused(CapturedOutput output) {
		ExternalClient.Result result = direct("127.0.0.1", escaped(TestCertificates.ALICE), "/whoami");
		assertThat(result.stdout()).contains("\"reason\":\"untrusted-proxy\"").endsWith("401\n");
		assertThat(output).contains("Forwarded client certificate refused (reason: untrusted-proxy)");
	}

	@Test
	void forgedCertificatesFromTheTrustedAddressAreRefusedWithTheHandshakeReason() {
		assertThat(direct("127.0.0.2", escaped(TestCertificates.MALLORY), "/whoami").stdout())
			.contains("\"reason\":\"untrusted\"")
			.endsWith("401\n");
		assertThat(direct("127.0.0.2", escaped(TestCertificates.EXPIRED_CLIENT), "/whoami").stdout())
			.contains("\"reason\":\"expired\"")
			.endsWith("401\n");
	}

	@Test
	void malformedHeaderFromTheTrustedAddressIsRefusedAndTheServerKeepsServing() {
		assertThat(direct("127.0.0.2", "-----BEGIN%20CERTIFICATE-----%0AAAAA", "/whoami").stdout())
			.contains("\"reason\":\"malformed-forwarded-certificate\"")
			.endsWith("401\n");
		assertThat(throughNginx(TestCertificates.ALICE, "/whoami").stdout()).endsWith("200\n");
	}

	@Test
	void requestWithoutForwardedHeaderOrCertificateIsNotAuthenticated() {
		assertThat(direct("127.0.0.2", null, "/whoami").stdout()).contains("\"reason\":\"no-certificate\"")
			.endsWith("401\n");
	}

	private ExternalClient.Result throughNginx(IssuedCertificate client, String path) {
		String name = client.certificate().getSubjectX500Principal().getName().split(",")[0].substring(3);
		Path certificate = client.writeChainPem(this.directory.resolve(name + ".crt"));
		Path key = client.writePrivateKeyPem(this.directory.resolve(name + ".key"));
		return ExternalClient.curl(this.nginxPort, path, certificate, key);
	}

	private ExternalClient.Result direct(String sourceAddress, String header, String path) {
		List<String> options = new ArrayList<>(List.of("--interface", sourceAddress));
		if (header != null) {
			options.addAll(List.of("--header", HEADER + ": " + header));
		}
		return ExternalClient.curl(this.context.getWebServer().getPort(), path, null, null,
				options.toArray(String[]::new));
	}

	private static String escaped(IssuedCertificate client) {
		return URLEncoder.encode(Pem.encode(client.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
	}

	private NginxProcess startNginx(int appPort) throws Exception {
		return NginxProcess.start(this.directory, """
				server {
				  listen 127.0.0.1:%1$d ssl;
				  ssl_certificate %2$s;
				  ssl_certificate_key %3$s;
				  ssl_client_certificate %4$s;
				  ssl_verify_client on;
				  location / {
				    proxy_pass https://127.0.0.1:%5$d;
				    proxy_bind 127.0.0.2;
				    proxy_ssl_trusted_certificate %4$s;
				    proxy_ssl_verify on;
				    proxy_ssl_name localhost;
				    proxy_set_header %6$s $ssl_client_escaped_cert;
				  }
				}
				""".formatted(this.nginxPort, TestCertificates.SERVER_CERTIFICATE, TestCertificates.SERVER_KEY,
				TestCertificates.CA_CERTIFICATE, appPort, HEADER), this.nginxPort);
	}

}
