package io.mtls.boot.reload;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.ExternalClient;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.junit.ExternalTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client resumes its TLS 1.3 session (a ticket, or the server's cache) while the
 * material stays, and cannot once the material was reloaded: each reload builds a fresh
 * context with its own cache and ticket keys. Checked with openssl s_client, which says
 * whether the server accepted the session it offered. The server sends its tickets as
 * soon as the handshake ends, as nginx and the JDK do, on the native engine too.
 */
class SessionResumptionTests {

	private static final String TICKET_ARRIVED = "Post-Handshake New Session Ticket arrived";

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

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void ticketsArriveRightAfterTheHandshakeBeforeAnyRequest(EmbeddedServer server) throws Exception {
		try (ConfigurableWebServerApplicationContext context = server.start(TestCertificates.pemProperties())) {
			List<String> command = new ArrayList<>(clientCommand(context.getWebServer().getPort()));
			command.set(0, ExternalTools.require("openssl").toString());
			Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
			// the client sends nothing after its Finished: standard input stays open and
			// empty
			CompletableFuture<String> ticket = CompletableFuture.supplyAsync(() -> readUntilTicket(client));
			try {
				assertThat(ticket.get(20, TimeUnit.SECONDS)).contains(TICKET_ARRIVED);
			}
			catch (TimeoutException ex) {
				throw new AssertionError(
						"No session ticket within 20 s of a handshake that sent no request: the "
								+ "server holds its tickets back, and a client whose request waits for an ACK stalls",
						ex);
			}
			finally {
				client.destroyForcibly();
			}
		}
	}

	private static String readUntilTicket(Process client) {
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				if (line.contains(TICKET_ARRIVED)) {
					break;
				}
			}
		}
		catch (IOException ex) {
			output.append(ex);
		}
		return output.toString();
	}

	private static List<String> clientCommand(int port) {
		return List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost", "-tls1_3",
				"-ign_eof", "-verify_return_error", "-CAfile", TestCertificates.CA_CERTIFICATE.toString(), "-cert",
				TestCertificates.clientCertificate("alice").toString(), "-key",
				TestCertificates.clientKey("alice").toString());
	}

	private static String connect(int port, String sessionOption, Path session) {
		List<String> command = new ArrayList<>(clientCommand(port));
		command.addAll(List.of(sessionOption, session.toString()));
		// a request and its response first: the server sends its tickets after the
		// handshake
		ExternalClient.Result result = ExternalClient.run(command,
				"GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(result.stdout()).as(result.stderr()).contains("HTTP/1.1 200");
		return result.stdout();
	}

}
