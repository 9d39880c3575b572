package io.mtls.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.test.junit.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as a user runs it: its packaged jar, configured with documented properties
 * on the command line or in the environment, serving certificates made with the openssl
 * command line, called with curl.
 */
class SampleJarIT {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));

	@TempDir
	static Path directory;

	private static OpensslPki pki;

	@BeforeAll
	static void makeCertificates() {
		pki = new OpensslPki(directory);
		pki.root("root", "/O=outside/CN=Outside Root");
		pki.intermediate("upper", "/O=outside/CN=Outside Upper CA", "root");
		pki.intermediate("lower", "/O=outside/CN=Outside Lower CA", "upper");
		pki.server("server", "root");
		pki.client("alice", "/O=outside/OU=ops/CN=alice", "lower", null);
		pki.client("orders", "/O=outside/CN=orders", "lower", "URI:spiffe://outside.test/ns/ops/sa/orders");
		pki.root("stranger", "/O=elsewhere/CN=Stranger Root");
		pki.client("mallory", "/O=elsewhere/CN=mallory", "stranger", null);
		pki.bundle("alice-reversed.pem", directory.resolve("alice.crt"), directory.resolve("upper.crt"),
				directory.resolve("lower.crt"));
		pki.bundle("alice-extra.pem", directory.resolve("alice.crt"), directory.resolve("lower.crt"),
				directory.resolve("stranger.crt"), directory.resolve("upper.crt"));
		pki.bundle("orders-chain.pem", directory.resolve("orders.crt"), directory.resolve("lower.crt"),
				directory.resolve("upper.crt"));
		pki.bundle("mallory-chain.pem", directory.resolve("mallory.crt"));
	}

	@Test
	void clientChainsInAnyOrderWithExtraCertificatesAreAcceptedAndStrangersRefusedAtTheHandshake() throws Exception {
		try (RunningJar jar = RunningJar.start(Map.of())) {
			Curl reversed = jar.curl("alice-reversed.pem", "alice", "/whoami");
			assertThat(reversed.status()).as(reversed.output()).isEqualTo("200");
			assertThat(reversed.body()).contains("\"subject\":\"CN=alice,OU=ops,O=outside\"").contains("FACTOR_X509");
			Curl extra = jar.curl("alice-extra.pem", "alice", "/whoami");
			assertThat(extra.status()).as(extra.output()).isEqualTo("200");
			Curl stranger = jar.curl("mallory-chain.pem", "mallory", "/whoami");
			assertThat(stranger.status()).isEqualTo("000");
			assertThat(jar.log()).contains(
					"TLS handshake refused (reason: untrusted): client certificate " + "'CN=mallory,O=elsewhere'");
		}
	}

	@Test
	void rulesGivenOnTheCommandLineReplaceTheSampleRulesAndDoubleStarMatchesANamespace() throws Exception {
		try (RunningJar jar = RunningJar.start(Map.of(),
				"--mtls.authorization.rules[0].spiffe-id=spiffe://outside.test/ns/ops/**",
				"--mtls.authorization.rules[0].authorities=ROLE_ADMIN")) {
			assertOrdersIsAdminThroughTheReplacedRulesOnly(jar);
		}
	}

	@Test
	void rulesGivenInTheEnvironmentReplaceTheSampleRules() throws Exception {
		try (RunningJar jar = RunningJar.start(Map.of("MTLS_AUTHORIZATION_RULES_0_SPIFFEID",
				"spiffe://outside.test/ns/ops/**", "MTLS_AUTHORIZATION_RULES_0_AUTHORITIES", "ROLE_ADMIN"))) {
			assertOrdersIsAdminThroughTheReplacedRulesOnly(jar);
		}
	}

	@Test
	void aMisspeltRuleKeyStopsStartupNamingIt() throws Exception {
		RunningJar.Exit exit = RunningJar.runToExit(Map.of(), "--mtls.authorization.rules[0].subjct=OU=ops");
		assertThat(exit.code()).isNotZero();
		assertThat(exit.log()).contains("APPLICATION FAILED TO START").contains("mtls.authorization.rules[0].subjct");
	}

	private static void assertOrdersIsAdminThroughTheReplacedRulesOnly(RunningJar jar) throws Exception {
		Curl admin = jar.curl("orders-chain.pem", "orders", "/admin/status");
		assertThat(admin.status()).as(admin.output()).isEqualTo("200");
		Curl whoami = jar.curl("orders-chain.pem", "orders", "/whoami");
		// the sample's own san-uri rule would have granted ROLE_SERVICE: the list was
		// replaced
		assertThat(whoami.body()).contains("ROLE_ADMIN").doesNotContain("ROLE_SERVICE");
		assertThat(jar.curl("alice-reversed.pem", "alice", "/admin/status").status()).isEqualTo("403");
	}

	/**
	 * What curl printed: the body, then the status code on the last line.
	 */
	record Curl(String output) {

		String status() {
			return this.output.substring(this.output.lastIndexOf('\n', this.output.length() - 2) + 1).trim();
		}

		String body() {
			return this.output.substring(0, Math.max(0, this.output.lastIndexOf('\n', this.output.length() - 2)));
		}

	}

	/**
	 * The sample jar in a process of its own, stopped by its pid.
	 */
	static final class RunningJar implements AutoCloseable {

		private final Process process;

		private final Path log;

		private final int port;

		private RunningJar(Process process, Path log, int port) {
			this.process = process;
			this.log = log;
			this.port = port;
		}

		static RunningJar start(Map<String, String> environment, String... arguments) throws Exception {
			int port = freePort();
			Path log = Files.createTempFile(directory, "sample", ".log");
			Process process = launch(port, log, environment, arguments);
			RunningJar jar = new RunningJar(process, log, port);
			Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
			while (!listening(port)) {
				if (!process.isAlive() || Instant.now().isAfter(deadline)) {
					jar.close();
					throw new AssertionError("The sample did not start:\n" + Files.readString(log));
				}
				Thread.sleep(200);
			}
			return jar;
		}

		static Exit runToExit(Map<String, String> environment, String... arguments) throws Exception {
			Path log = Files.createTempFile(directory, "sample", ".log");
			Process process = launch(freePort(), log, environment, arguments);
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("The sample did not stop:\n" + Files.readString(log));
			}
			return new Exit(process.exitValue(), Files.readString(log));
		}

		private static Process launch(int port, Path log, Map<String, String> environment, String... arguments)
				throws IOException {
			List<String> command = new ArrayList<>(
					List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
							JAR.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
							"--mtls.server.certificate=" + directory.resolve("server.crt"),
							"--mtls.server.private-key=" + directory.resolve("server.key"),
							"--mtls.server.trust=" + directory.resolve("root.crt")));
			command.addAll(List.of(arguments));
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			builder.environment().putAll(environment);
			return builder.start();
		}

		Curl curl(String chain, String key, String path) throws Exception {
			List<String> command = List.of(ExternalTools.require("curl").toString(), "--silent", "--max-time", "10",
					"--cacert", directory.resolve("root.crt").toString(), "--cert", directory.resolve(chain).toString(),
					"--key", pki.key(key).toString(), "--write-out", "\n%{http_code}\n",
					"https://localhost:" + this.port + path);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor(20, TimeUnit.SECONDS);
			return new Curl(output);
		}

		String log() throws IOException {
			return Files.readString(this.log);
		}

		@Override
		public void close() throws Exception {
			ProcessHandle.of(this.process.pid()).ifPresent(ProcessHandle::destroy);
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

		private static boolean listening(int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

		private static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
		}

		record Exit(int code, String log) {
		}

	}

}
