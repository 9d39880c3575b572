package io.mtls.boot.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.test.junit.ExternalTools;

/**
 * Runs the real {@code curl} and {@code openssl s_client} binaries against a server on
 * loopback.
 */
public final class ExternalClient {

	private ExternalClient() {
	}

	/**
	 * Calls {@code GET https://localhost:{port}{path}} with curl.
	 * @param port the server port
	 * @param path the path
	 * @param certificate the client certificate file, or {@code null} to send none
	 * @param key the client key file, or {@code null}
	 * @param options further curl options
	 * @return the result; stdout is the body, then the HTTP status code ("000" when none)
	 */
	public static Result curl(int port, String path, Path certificate, Path key, String... options) {
		List<String> command = new ArrayList<>(
				List.of("curl", "--silent", "--show-error", "--max-time", "10", "--cacert",
						TestCertificates.CA_CERTIFICATE.toString(), "--write-out", "%{http_code}\\n", "--output", "-"));
		command.addAll(List.of(options));
		if (certificate != null) {
			command.addAll(List.of("--cert", certificate.toString(), "--key", key.toString()));
		}
		command.add("https://localhost:" + port + path);
		return run(command, "");
	}

	/**
	 * Sends one HTTP/1.1 request through {@code openssl s_client}.
	 * @param port the server port
	 * @param path the path
	 * @param certificate the client certificate file, or {@code null} to send none
	 * @param key the client key file, or {@code null}
	 * @return the result; stdout holds the raw HTTP response when the handshake succeeded
	 */
	static Result openssl(int port, String path, Path certificate, Path key) {
		List<String> command = new ArrayList<>(
				List.of("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
						"-verify_return_error", "-CAfile", TestCertificates.CA_CERTIFICATE.toString()));
		if (certificate != null) {
			command.addAll(List.of("-cert", certificate.toString(), "-key", key.toString()));
		}
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
		return run(command, request);
	}

	/**
	 * Runs a program, which must be installed (see {@link ExternalTools}).
	 * @param command the program and its arguments
	 * @param input what to write to its standard input
	 * @return the result
	 */
	public static Result run(List<String> command, String input) {
		List<String> resolved = new ArrayList<>(command);
		resolved.set(0, ExternalTools.require(command.get(0)).toString());
		Process process;
		try {
			process = new ProcessBuilder(resolved).start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + resolved, ex);
		}
		CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process, false));
		CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process, true));
		try (OutputStream in = process.getOutputStream()) {
			in.write(input.getBytes(StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			// a client refused at the handshake may exit before reading its input: a
			// broken pipe
		}
		try {
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return new Result(process.exitValue(), stdout.join(), stderr.join());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Process process, boolean error) {
		try {
			return new String((error ? process.getErrorStream() : process.getInputStream()).readAllBytes(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * What a client process did.
	 *
	 * @param exitCode the exit code
	 * @param stdout everything written to standard output
	 * @param stderr everything written to standard error
	 */
	public record Result(int exitCode, String stdout, String stderr) {

	}

}
