package io.mtls.boot.dev;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mtls.boot.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The development PKI end to end: an application with only {@code mtls.dev.enabled}
 * starts with TLS, and the curl commands it logs work from another directory.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevPkiApplicationTests {

	private static final Pattern CURL = Pattern.compile("(curl --cacert \\S+ --cert \\S+ --key \\S+ https://\\S+)");

	@TempDir
	Path directory;

	@TempDir
	Path elsewhere;

	@Test
	void loggedCurlCommandsWorkAndTheSameUrlWithoutCertificateIsRefused(CapturedOutput output) throws Exception {
		try (ConfigurableWebServerApplicationContext context = start()) {
			List<String> commands = curlCommands(output.getOut());
			assertThat(commands).hasSize(3);
			assertThat(commands.get(0)).contains(this.directory.resolve("alice.crt").toString())
				.endsWith("https://localhost:" + context.getWebServer().getPort() + "/whoami");
			for (String command : commands) {
				assertThat(bash(command + " --silent --show-error")).startsWith("0:CN=");
			}
			String withoutCertificate = commands.get(0).replaceAll(" --cert \\S+ --key \\S+", "");
			assertThat(bash(withoutCertificate + " --silent")).doesNotStartWith("0:");
		}
		assertThat(output.getOut()).contains("for local development only");
	}

	@Test
	void secondStartReusesTheGeneratedCertificates(CapturedOutput output) throws Exception {
		try (ConfigurableWebServerApplicationContext context = start()) {
			assertThat(output.getOut()).contains("issued a new root CA");
		}
		byte[] serverCertificate = Files.readAllBytes(this.directory.resolve("server.crt"));
		int before = output.getOut().length();
		try (ConfigurableWebServerApplicationContext context = start()) {
			assertThat(output.getOut().substring(before)).doesNotContain("issued").contains("curl --cacert");
		}
		assertThat(Files.readAllBytes(this.directory.resolve("server.crt"))).isEqualTo(serverCertificate);
	}

	private ConfigurableWebServerApplicationContext start() {
		return EmbeddedServer.TOMCAT.start("mtls.dev.enabled=true", "mtls.dev.directory=" + this.directory,
				"mtls.dev.curl-path=/whoami");
	}

	private static List<String> curlCommands(String log) {
		List<String> commands = new ArrayList<>();
		Matcher matcher = CURL.matcher(log);
		while (matcher.find()) {
			commands.add(matcher.group(1));
		}
		return commands;
	}

	/**
	 * Runs a command line in bash from an unrelated directory.
	 * @return the exit code, a colon, and standard output
	 */
	private String bash(String command) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", command).directory(this.elsewhere.toFile())
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
		return process.exitValue() + ":" + out;
	}

}
