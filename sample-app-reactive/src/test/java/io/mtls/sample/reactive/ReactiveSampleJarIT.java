package io.mtls.sample.reactive;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mtls.boot.test.jar.OpensslPki;
import io.mtls.boot.test.jar.RunningJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux sample as a user runs it: its packaged jar on Reactor Netty, serving
 * certificates made with the openssl command line, called with curl.
 */
class ReactiveSampleJarIT {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/sample-app-reactive.jar"));

	@TempDir
	static Path directory;

	private static OpensslPki pki;

	@BeforeAll
	static void makeCertificates() {
		pki = new OpensslPki(directory);
		pki.root("root", "/O=outside/CN=Outside Root");
		pki.server("server", "root");
		pki.client("alice", "/O=outside/OU=ops/CN=alice", "root", null);
		pki.client("bob", "/O=outside/OU=dev/CN=bob", "root", null);
		pki.root("stranger", "/O=elsewhere/CN=Stranger Root");
		pki.client("mallory", "/O=elsewhere/CN=mallory", "stranger", null);
	}

	@Test
	void servesTheSampleEndpointsByCertificateAndRefusesStrangersAtTheHandshake() throws Exception {
		try (RunningJar jar = RunningJar.start(JAR, directory, Map.of(),
				arguments("--mtls.authorization.rules[0].subject=OU=ops",
						"--mtls.authorization.rules[0].authorities=ROLE_ADMIN"))) {
			RunningJar.Curl whoami = curl(jar, "alice", "/whoami");
			assertThat(whoami.status()).as(whoami.output()).isEqualTo("200");
			assertThat(whoami.body()).contains("\"subject\":\"CN=alice,OU=ops,O=outside\"").contains("ROLE_ADMIN");
			assertThat(curl(jar, "alice", "/admin/status").status()).isEqualTo("200");
			RunningJar.Curl endpoint = curl(jar, "alice", "/actuator/mtls");
			assertThat(endpoint.status()).isEqualTo("200");
			assertThat(endpoint.body()).contains("CN=alice,OU=ops,O=outside");
			RunningJar.Curl forbidden = curl(jar, "bob", "/admin/status");
			assertThat(forbidden.status()).isEqualTo("403");
			assertThat(forbidden.body()).contains("\"reason\":\"forbidden\"");
			assertThat(curl(jar, "mallory", "/whoami").status()).isEqualTo("000");
			assertThat(jar.log()).contains("Netty started")
				.contains("TLS handshake refused (reason: untrusted): client certificate 'CN=mallory,O=elsewhere'");
		}
	}

	@Test
	void aMisspeltRuleKeyStopsStartupNamingIt() throws Exception {
		RunningJar.Exit exit = RunningJar.runToExit(JAR, directory, Map.of(),
				arguments("--mtls.authorization.rules[0].subjct=OU=ops"));
		assertThat(exit.code()).isNotZero();
		assertThat(exit.log()).contains("APPLICATION FAILED TO START").contains("mtls.authorization.rules[0].subjct");
	}

	private static List<String> arguments(String... arguments) {
		List<String> all = new ArrayList<>(pki.serverArguments("server", "root"));
		all.addAll(List.of(arguments));
		return all;
	}

	private static RunningJar.Curl curl(RunningJar jar, String client, String path) throws Exception {
		return jar.curl(directory.resolve("root.crt"), directory.resolve(client + ".crt"), pki.key(client), path);
	}

}
