package io.mtls.sample;

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
		try (RunningJar jar = start(Map.of())) {
			RunningJar.Curl reversed = curl(jar, "alice-reversed.pem", "alice", "/whoami");
			assertThat(reversed.status()).as(reversed.output()).isEqualTo("200");
			assertThat(reversed.body()).contains("\"subject\":\"CN=alice,OU=ops,O=outside\"").contains("FACTOR_X509");
			RunningJar.Curl extra = curl(jar, "alice-extra.pem", "alice", "/whoami");
			assertThat(extra.status()).as(extra.output()).isEqualTo("200");
			RunningJar.Curl stranger = curl(jar, "mallory-chain.pem", "mallory", "/whoami");
			assertThat(stranger.status()).isEqualTo("000");
			assertThat(jar.log()).contains(
					"TLS handshake refused (reason: untrusted): client certificate " + "'CN=mallory,O=elsewhere'");
		}
	}

	@Test
	void rulesGivenOnTheCommandLineReplaceTheSampleRulesAndDoubleStarMatchesANamespace() throws Exception {
		try (RunningJar jar = start(Map.of(), "--mtls.authorization.rules[0].spiffe-id=spiffe://outside.test/ns/ops/**",
				"--mtls.authorization.rules[0].authorities=ROLE_ADMIN")) {
			assertOrdersIsAdminThroughTheReplacedRulesOnly(jar);
		}
	}

	@Test
	void rulesGivenInTheEnvironmentReplaceTheSampleRules() throws Exception {
		try (RunningJar jar = start(Map.of("MTLS_AUTHORIZATION_RULES_0_SPIFFEID", "spiffe://outside.test/ns/ops/**",
				"MTLS_AUTHORIZATION_RULES_0_AUTHORITIES", "ROLE_ADMIN"))) {
			assertOrdersIsAdminThroughTheReplacedRulesOnly(jar);
		}
	}

	@Test
	void aMisspeltRuleKeyStopsStartupNamingIt() throws Exception {
		RunningJar.Exit exit = RunningJar.runToExit(JAR, directory, Map.of(),
				arguments("--mtls.authorization.rules[0].subjct=OU=ops"));
		assertThat(exit.code()).isNotZero();
		assertThat(exit.log()).contains("APPLICATION FAILED TO START").contains("mtls.authorization.rules[0].subjct");
	}

	private static void assertOrdersIsAdminThroughTheReplacedRulesOnly(RunningJar jar) throws Exception {
		RunningJar.Curl admin = curl(jar, "orders-chain.pem", "orders", "/admin/status");
		assertThat(admin.status()).as(admin.output()).isEqualTo("200");
		RunningJar.Curl whoami = curl(jar, "orders-chain.pem", "orders", "/whoami");
		// the sample's own san-uri rule would have granted ROLE_SERVICE: the list was
		// replaced
		assertThat(whoami.body()).contains("ROLE_ADMIN").doesNotContain("ROLE_SERVICE");
		assertThat(curl(jar, "alice-reversed.pem", "alice", "/admin/status").status()).isEqualTo("403");
	}

	private static RunningJar start(Map<String, String> environment, String... arguments) throws Exception {
		return RunningJar.start(JAR, directory, environment, arguments(arguments));
	}

	private static List<String> arguments(String... arguments) {
		List<String> all = new ArrayList<>(pki.serverArguments("server", "root"));
		all.addAll(List.of(arguments));
		return all;
	}

	private static RunningJar.Curl curl(RunningJar jar, String chain, String key, String path) throws Exception {
		return jar.curl(directory.resolve("root.crt"), directory.resolve(chain), pki.key(key), path);
	}

}
