package io.mtls.boot.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.ExternalClient;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client resumes its TLS 1.3 session (a ticket, or the server's cache) while the
 * material stays, and cannot once the material was reloaded: each reload builds a fresh
 * context with its own cache and ticket keys. Checked with openssl s_client, which says
 * whether the server accepted the session it offered.
 */
class SessionResumptionTests {

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void sessionsResumeUntilTheMaterialIsReloaded(EmbeddedServer server, @TempDir Path directory) throws Exception {
		Path session = directory.resolve("session.pem");
		try (ConfigurableWebServerApplicationContext context = server.start(TestCertificates.pemProperties())) {
			int port = context.getWebServer().getPort();
			assertThat(connect(port, "-sess_out", session)).contains("New, TLSv1.3");
			assertThat(connect(port, "-sess_in", session)).as("resumed under the same context")
				.contains("Reused, TLSv1.3");

			ServerTls tls = context.getBean(ServerTls.class);
			tls.update(tls.material());
			assertThat(connect(port, "-sess_in", session)).as("offered to the reloaded context")
				.contains("New, TLSv1.3")
				.doesNotContain("Reused");
		}
	}

	private static String connect(int port, String sessionOption, Path session) {
		List<String> command = new ArrayList<>(
				List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-tls1_3",
						"-ign_eof", "-verify_return_error", "-CAfile", TestCertificates.CA_CERTIFICATE.toString(),
						"-cert", TestCertificates.clientCertificate("alice").toString(), "-key",
						TestCertificates.clientKey("alice").toString(), sessionOption, session.toString()));
		// a request and its response first: the server sends its tickets after the
		// handshake
		ExternalClient.Result result = ExternalClient.run(command,
				"GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(result.stdout()).as(result.stderr()).contains("HTTP/1.1 200");
		return result.stdout();
	}

}
