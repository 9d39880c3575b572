package io.mtls.boot.reload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Locale;

import javax.net.ssl.SSLSocket;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A keep-alive connection opened before a rotation keeps working after it, on the TLS
 * session it started with, while new connections get the new certificate. One raw socket
 * carries both requests, so no client-side connection pool can hide a closed connection.
 */
class KeepAliveRotationTests {

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void openConnectionsSurviveARotation(EmbeddedServer server, @TempDir Path directory) throws Exception {
		IssuedCertificate initial = CA.localhostServer();
		SecretDirectory secret = new SecretDirectory(directory, initial);
		try (ConfigurableWebServerApplicationContext context = server.start("mtls.reload.quiet-period=200ms",
				"mtls.server.secret-dir=" + secret.path())) {
			int port = context.getWebServer().getPort();
			try (SSLSocket keepAlive = (SSLSocket) MtlsClients.sslContext(ALICE, CA.certificate())
				.getSocketFactory()
				.createSocket("localhost", port)) {
				keepAlive.setSoTimeout(10_000);
				assertThat(get(keepAlive)).startsWith("HTTP/1.1 200");
				assertThat(keepAlive.getSession().getPeerCertificates()[0]).isEqualTo(initial.certificate());

				IssuedCertificate next = CA.localhostServer();
				secret.swap(next);
				RotationUnderLoadTests.millisUntilServed(MtlsClients.sslContext(ALICE, CA.certificate()), port,
						next.certificate().getSerialNumber(), System.nanoTime());

				assertThat(get(keepAlive)).as("second request on the same connection").startsWith("HTTP/1.1 200");
				assertThat((X509Certificate) keepAlive.getSession().getPeerCertificates()[0])
					.as("same connection, same session")
					.isEqualTo(initial.certificate());
			}
		}
	}

	/**
	 * Sends a keep-alive request and reads exactly one response (headers and a
	 * Content-Length body), leaving the connection open.
	 */
	private static String get(SSLSocket socket) throws IOException {
		socket.getOutputStream()
			.write("GET /whoami HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed by the server");
			}
			head.write(next);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
