package io.mtls.boot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.KeyType;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Every way of giving the server its material, proved by a real handshake on Tomcat and
 * Jetty: the server presents the configured chain and admits only clients of the
 * configured CA.
 */
class MaterialSourcesHandshakeTests {

	private static final char[] PASSWORD = "s3cret".toCharArray();

	private static final CertificateAuthority ROOT = TestPki.rootCa("CN=Sources Root").issue();

	private static final CertificateAuthority INTERMEDIATE = ROOT.intermediateCa("CN=Sources Intermediate").issue();

	private static final IssuedCertificate SERVER = INTERMEDIATE.server("CN=localhost")
		.dns("localhost")
		.keyType(KeyType.RSA_2048)
		.issue();

	private static final IssuedCertificate CLIENT = INTERMEDIATE.client("CN=client").issue();

	private static final IssuedCertificate OTHER_CLIENT = TestCertificates.MALLORY;

	private static final Path FILES = write();

	static Stream<Arguments> sources() {
		String pemTrust = "mtls.server.trust=" + FILES.resolve("ca.crt");
		Stream<Arguments> sources = Stream.of(
				Arguments.of("PEM with encrypted PKCS#8 key",
						new String[] { "mtls.server.certificate=file:" + FILES.resolve("server.crt"),
								"mtls.server.private-key=file:" + FILES.resolve("encrypted.key"),
								"mtls.server.private-key-password=s3cret", pemTrust }),
				Arguments.of("PKCS12 key store and trust store",
						new String[] { "mtls.server.key-store=" + FILES.resolve("server.p12"),
								"mtls.server.key-store-password=s3cret",
								"mtls.server.trust-store=" + FILES.resolve("trust.p12"),
								"mtls.server.trust-store-password=s3cret" }),
				Arguments.of("JKS key store and PEM trust directory",
						new String[] { "mtls.server.key-store=" + FILES.resolve("server.jks"),
								"mtls.server.key-store-password=s3cret", "mtls.server.key-store-type=JKS",
								"mtls.server.trust=" + FILES.resolve("trust-dir") }),
				Arguments.of("Kubernetes TLS secret directory",
						new String[] { "mtls.server.secret-dir=" + FILES.resolve("secret") }),
				Arguments.of("existing spring.ssl.bundle",
						new String[] { "spring.ssl.bundle.pem.web.keystore.certificate=" + FILES.resolve("server.crt"),
								"spring.ssl.bundle.pem.web.keystore.private-key=" + FILES.resolve("server.key"),
								"spring.ssl.bundle.pem.web.truststore.certificate=" + FILES.resolve("ca.crt"),
								"mtls.server.bundle=web" }));
		return sources.flatMap((source) -> Stream.of(EmbeddedServer.values())
			.map((server) -> Arguments.of(server, source.get()[0], source.get()[1])));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("sources")
	void servesTheConfiguredChainAndVerifiesClientsAgainstTheConfiguredTrust(EmbeddedServer server, String source,
			String[] properties) throws Exception {
		try (ConfigurableWebServerApplicationContext context = server.start(properties)) {
			URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + "/whoami");
			HttpResponse<String> response = MtlsClients.httpClient(CLIENT, ROOT.certificate())
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.body()).isEqualTo("CN=client");
			assertThat(response.sslSession().orElseThrow().getPeerCertificates()).containsExactly(SERVER.certificate(),
					INTERMEDIATE.certificate());
			assertThatIOException().isThrownBy(() -> MtlsClients.httpClient(OTHER_CLIENT, ROOT.certificate())
				.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()));
		}
	}

	private static Path write() {
		try {
			Path directory = Files.createTempDirectory("mtls-sources");
			SERVER.writeChainPem(directory.resolve("server.crt"));
			SERVER.writePrivateKeyPem(directory.resolve("server.key"));
			Files.writeString(directory.resolve("encrypted.key"), SERVER.encryptedPrivateKeyPem(PASSWORD));
			SERVER.writePkcs12(directory.resolve("server.p12"), PASSWORD);
			SERVER.writeJks(directory.resolve("server.jks"), PASSWORD);
			ROOT.writeCertificatePem(directory.resolve("ca.crt"));
			ROOT.writeCertificatePem(directory.resolve("trust-dir").resolve("root.pem"));
			TestPki.writeTrustStore(directory.resolve("trust.p12"), "PKCS12", PASSWORD, ROOT.certificate());
			SERVER.writeKubernetesSecret(directory.resolve("secret"));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
