package io.mtls.boot.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

/**
 * The PKI of the security tests: a root CA trusted by the server and an intermediate "Ops
 * CA" under it.
 */
final class SecurityTestPki {

	static final CertificateAuthority ROOT = TestPki.rootCa("CN=Security Root,O=Example").issue();

	static final CertificateAuthority OPS_CA = ROOT.intermediateCa("CN=Ops CA,O=Example").issue();

	static final IssuedCertificate SERVER = ROOT.localhostServer();

	private static final Path DIRECTORY = write();

	private SecurityTestPki() {
	}

	static String[] serverProperties(String clientAuth) {
		return new String[] { "mtls.server.certificate=" + DIRECTORY.resolve("server.crt"),
				"mtls.server.private-key=" + DIRECTORY.resolve("server.key"),
				"mtls.server.trust=" + DIRECTORY.resolve("ca.crt"), "mtls.server.client-auth=" + clientAuth };
	}

	static HttpResponse<String> get(ConfigurableWebServerApplicationContext context, IssuedCertificate client,
			String path) throws IOException, InterruptedException {
		return send(client, request(context, path));
	}

	static HttpRequest.Builder request(ConfigurableWebServerApplicationContext context, String path) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + context.getWebServer().getPort() + path));
	}

	static HttpResponse<String> send(IssuedCertificate client, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		return MtlsClients.httpClient(client, ROOT.certificate())
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path write() {
		try {
			Path directory = Files.createTempDirectory("mtls-security");
			SERVER.writeChainPem(directory.resolve("server.crt"));
			SERVER.writePrivateKeyPem(directory.resolve("server.key"));
			ROOT.writeCertificatePem(directory.resolve("ca.crt"));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
