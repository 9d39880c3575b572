package io.mtls.benchmarks.baseline;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The baseline is honest mTLS: started as the load script starts it, on loopback with a
 * test PKI, it answers a client certificate's CN and refuses a client without one.
 */
class BaselineApplicationTests {

	private static final char[] PASSWORD = "baseline".toCharArray();

	@TempDir
	static Path directory;

	private static CertificateAuthority ca;

	private static ConfigurableApplicationContext application;

	private static URI whoami;

	@BeforeAll
	static void start() {
		ca = TestPki.rootCa("CN=Baseline CA,O=mtls-spring-boot").issue();
		IssuedCertificate server = ca.localhostServer();
		application = SpringApplication.run(BaselineApplication.class, "--server.port=0", "--server.address=127.0.0.1",
				"--server.ssl.client-auth=need",
				"--server.ssl.certificate=file:" + server.writeChainPem(directory.resolve("server.crt")),
				"--server.ssl.certificate-private-key=file:"
						+ server.writePrivateKeyPem(directory.resolve("server.key")),
				"--server.ssl.trust-certificate=file:" + ca.writeCertificatePem(directory.resolve("ca.crt")));
		whoami = URI
			.create("https://localhost:" + application.getEnvironment().getProperty("local.server.port") + "/whoami");
	}

	@AfterAll
	static void stop() {
		application.close();
	}

	@Test
	void answersTheClientCertificatesCommonName() throws Exception {
		IssuedCertificate client = ca.client("CN=load-client,O=load").issue();
		HttpResponse<String> response = get(client);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"principal\":\"load-client\"")
			.contains("\"subject\":\"CN=load-client,O=load\"")
			.contains("\"authorities\":[\"ROLE_USER\"]");
	}

	@Test
	void refusesAClientWithoutCertificate() {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(null));
	}

	private static HttpResponse<String> get(IssuedCertificate client) throws Exception {
		HttpClient http = HttpClient.newBuilder().sslContext(sslContext(client)).build();
		return http.send(HttpRequest.newBuilder(whoami).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static SSLContext sslContext(IssuedCertificate client) throws GeneralSecurityException {
		KeyManager[] keyManagers = new KeyManager[0];
		if (client != null) {
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(client.toKeyStore("PKCS12", PASSWORD), PASSWORD);
			keyManagers = keys.getKeyManagers();
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(TestPki.trustStore("PKCS12", null, ca.certificate()));
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers, trust.getTrustManagers(), null);
		return context;
	}

}
