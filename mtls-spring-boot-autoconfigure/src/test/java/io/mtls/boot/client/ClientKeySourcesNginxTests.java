package io.mtls.boot.client;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.mtls.boot.autoconfigure.MtlsClientAutoConfiguration;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound identity from any key source {@code mtls.server} accepts, proven by a real
 * call to nginx answering the presented serial: a Kubernetes secret directory (its
 * {@code ca.crt} trusted for the called server) and a PKCS12 key store, with no server
 * material at all.
 */
class ClientKeySourcesNginxTests {

	static final CertificateAuthority CA = TestPki.rootCa("CN=Fleet Root,O=Example").issue();

	@TempDir
	static Path directory;

	private static Nginx nginx;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void start() throws Exception {
		Map<String, IssuedCertificate> servers = new LinkedHashMap<>();
		servers.put("good", CA.server("CN=payments,O=Example").dns("localhost").ip("127.0.0.1").issue());
		nginx = Nginx.start(directory.resolve("nginx"), CA, servers);
	}

	@AfterAll
	static void stop() {
		if (nginx != null) {
			nginx.close();
		}
	}

	@Test
	void aKubernetesSecretDirectoryIsTheIdentityAndItsCaTheTrust() throws Exception {
		IssuedCertificate client = CA.client("CN=orders,O=Example").issue();
		SecretDirectory secret = new SecretDirectory(Files.createDirectories(directory.resolve("secret")), client);
		this.runner.withPropertyValues("mtls.client.secret-dir=" + secret.path()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ClientMaterial.class).hasOwnMaterial()).isTrue();
			assertThat(serial(call(context.getBean(MtlsHttpClients.class)))).isEqualTo(serial(client));
		});
	}

	@Test
	void aPkcs12KeyStoreIsTheIdentity() {
		IssuedCertificate client = CA.client("CN=orders,O=Example").issue();
		Path store = client.writePkcs12(directory.resolve("client.p12"), "secret".toCharArray());
		Path ca = CA.writeCertificatePem(directory.resolve("ca.crt"));
		this.runner
			.withPropertyValues("mtls.client.key-store=" + store, "mtls.client.key-store-password=secret",
					"mtls.client.trust=" + ca)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(serial(call(context.getBean(MtlsHttpClients.class)))).isEqualTo(serial(client));
			});
	}

	@Test
	void aWrongKeyStorePasswordStopsStartupNamingTheClientProperty() {
		IssuedCertificate client = CA.client("CN=orders,O=Example").issue();
		Path store = client.writePkcs12(directory.resolve("wrong.p12"), "secret".toCharArray());
		Path ca = CA.writeCertificatePem(directory.resolve("ca-wrong.crt"));
		this.runner
			.withPropertyValues("mtls.client.key-store=" + store, "mtls.client.key-store-password=nope",
					"mtls.client.trust=" + ca)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("'mtls.client.key-store'")
				.hasStackTraceContaining("wrong key store password"));
	}

	static String call(MtlsHttpClients clients) throws Exception {
		HttpResponse<String> response = clients.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(nginx.url("good"))).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	static BigInteger serial(String body) {
		return new BigInteger(Nginx.split(body).get(1), 16);
	}

	static BigInteger serial(IssuedCertificate certificate) {
		return certificate.certificate().getSerialNumber();
	}

}
