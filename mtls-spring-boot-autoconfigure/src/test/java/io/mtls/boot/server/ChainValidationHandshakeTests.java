package io.mtls.boot.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;

import io.mtls.boot.core.tls.ChainCases;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every {@link ChainCases chain case} through a real handshake: one server trusts the
 * roots of all standard cases, another those of the strict cases
 * ({@code mtls.identity.validation=strict}). A refusal must happen at the handshake and
 * be logged with the case's reason. Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class ChainValidationHandshakeTests {

	private ConfigurableWebServerApplicationContext standard;

	private ConfigurableWebServerApplicationContext strict;

	abstract EmbeddedServer server();

	@BeforeAll
	void start(@TempDir Path directory) {
		this.standard = server().start(properties(directory, "standard", ChainCases.standard()));
		this.strict = server().start(properties(directory, "strict", ChainCases.strict()));
	}

	@AfterAll
	void stop() {
		this.standard.close();
		this.strict.close();
	}

	static Stream<ChainCases.Case> standardCases() {
		return ChainCases.standard();
	}

	static Stream<ChainCases.Case> strictCases() {
		return ChainCases.strict();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("standardCases")
	void standardValidation(ChainCases.Case chainCase, CapturedOutput output) throws Exception {
		assertVerdict(this.standard, chainCase, output);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("strictCases")
	void strictValidation(ChainCases.Case chainCase, CapturedOutput output) throws Exception {
		assertVerdict(this.strict, chainCase, output);
	}

	@Test
	void curlPresentingIntermediatesInReverseOrderIsServed(@TempDir Path directory) throws IOException {
		ChainCases.Case reversed = ChainCases.standard()
			.filter((chainCase) -> chainCase.name().equals("intermediates in reverse order"))
			.findFirst()
			.orElseThrow();
		IssuedCertificate client = reversed.client();
		Path certificate = Files.writeString(directory.resolve("client.crt"),
				Pem.encode(client.chain().toArray(X509Certificate[]::new)));
		Path key = client.writePrivateKeyPem(directory.resolve("client.key"));
		ExternalClient.Result result = ExternalClient.curl(this.standard.getWebServer().getPort(), "/whoami",
				certificate, key);
		assertThat(result.exitCode()).as(result.stderr()).isZero();
		assertThat(result.stdout()).isEqualTo(subject(client) + "200\n");
	}

	private static void assertVerdict(ConfigurableWebServerApplicationContext context, ChainCases.Case chainCase,
			CapturedOutput output) throws Exception {
		URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + "/whoami");
		HttpRequest request = HttpRequest.newBuilder(uri).build();
		IssuedCertificate client = chainCase.client();
		if (chainCase.reason() == null) {
			HttpResponse<String> response = MtlsClients.httpClient(client, TestCertificates.CA.certificate())
				.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(output.toString()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(subject(client));
		}
		else {
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> MtlsClients.httpClient(client, TestCertificates.CA.certificate())
					.send(request, HttpResponse.BodyHandlers.ofString()));
			assertThat(output).contains("TLS handshake refused (reason: " + chainCase.reason().code()
					+ "): client certificate '" + subject(client) + "'");
		}
	}

	private static String subject(IssuedCertificate client) {
		return client.certificate().getSubjectX500Principal().getName();
	}

	private static String[] properties(Path directory, String name, Stream<ChainCases.Case> cases) {
		Path trust = directory.resolve(name + "-trust.pem");
		try {
			Files.writeString(trust, Pem.encode(ChainCases.trust(cases).toArray(X509Certificate[]::new)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new String[] { "mtls.server.certificate=" + TestCertificates.SERVER_CERTIFICATE,
				"mtls.server.private-key=" + TestCertificates.SERVER_KEY, "mtls.server.trust=" + trust,
				"mtls.identity.validation=" + name };
	}

}
