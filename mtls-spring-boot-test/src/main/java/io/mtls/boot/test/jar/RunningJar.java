package io.mtls.boot.test.jar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.test.junit.LoopbackPorts;
import io.mtls.boot.test.junit.ExternalTools;

/**
 * A packaged Spring Boot jar in a process of its own on a free loopback port, stopped by
 * its pid, called with {@code curl}.
 */
public final class RunningJar implements AutoCloseable {

	private final Process process;

	private final Path log;

	private final int port;

	private RunningJar(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	/**
	 * Starts the jar and waits until it listens.
	 * @param jar the jar
	 * @param directory its working directory, which also receives its log
	 * @param environment extra environment variables
	 * @param arguments its arguments ({@code --server.port} and {@code --server.address}
	 * are added)
	 * @return the running jar
	 * @throws Exception if it cannot be started or does not listen within 90 s
	 */
	public static RunningJar start(Path jar, Path directory, Map<String, String> environment, List<String> arguments)
			throws Exception {
		return start(jar, directory, LoopbackPorts.free(), environment, arguments);
	}

	/**
	 * Starts the jar on a given port and waits until it listens, for jars that must know
	 * each other's ports before either starts.
	 * @param jar the jar
	 * @param directory its working directory, which also receives its log
	 * @param port the loopback port it listens on
	 * @param environment extra environment variables
	 * @param arguments its arguments ({@code --server.port} and {@code --server.address}
	 * are added)
	 * @return the running jar
	 * @throws Exception if it cannot be started or does not listen within 90 s
	 */
	public static RunningJar start(Path jar, Path directory, int port, Map<String, String> environment,
			List<String> arguments) throws Exception {
		Path log = Files.createTempFile(directory, "jar", ".log");
		Process process = launch(jar, directory, port, log, environment, arguments);
		RunningJar running = new RunningJar(process, log, port);
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (!LoopbackPorts.listening(port)) {
			if (!process.isAlive() || Instant.now().isAfter(deadline)) {
				running.close();
				throw new AssertionError("The jar did not start:\n" + Files.readString(log));
			}
			Thread.sleep(200);
		}
		return running;
	}

	/**
	 * Runs the jar until it exits on its own.
	 * @param jar the jar
	 * @param directory its working directory, which also receives its log
	 * @param environment extra environment variables
	 * @param arguments its arguments
	 * @return its exit code and log
	 * @throws Exception if it cannot be started or does not stop within 90 s
	 */
	public static Exit runToExit(Path jar, Path directory, Map<String, String> environment, List<String> arguments)
			throws Exception {
		Path log = Files.createTempFile(directory, "jar", ".log");
		Process process = launch(jar, directory, LoopbackPorts.free(), log, environment, arguments);
		if (!process.waitFor(90, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("The jar did not stop:\n" + Files.readString(log));
		}
		return new Exit(process.exitValue(), Files.readString(log));
	}

	private static Process launch(Path jar, Path directory, int port, Path log, Map<String, String> environment,
			List<String> arguments) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
						jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return builder.start();
	}

	/**
	 * Calls the jar with curl over mTLS.
	 * @param trust the CA certificate the server must chain to
	 * @param chain the client certificate chain
	 * @param key the client key
	 * @param path the request path
	 * @return what curl printed
	 * @throws Exception if curl cannot be run
	 */
	public Curl curl(Path trust, Path chain, Path key, String path) throws Exception {
		List<String> command = List.of(ExternalTools.require("curl").toString(), "--silent", "--max-time", "10",
				"--cacert", trust.toString(), "--cert", chain.toString(), "--key", key.toString(), "--write-out",
				"\n%{http_code}\n", "https://localhost:" + this.port + path);
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor(20, TimeUnit.SECONDS);
		return new Curl(output);
	}

	/**
	 * Returns the loopback port the jar listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns what the jar logged so far.
	 * @return the log
	 * @throws IOException if the log cannot be read
	 */
	public String log() throws IOException {
		return Files.readString(this.log);
	}

	@Override
	public void close() throws Exception {
		ProcessHandle.of(this.process.pid()).ifPresent(ProcessHandle::destroy);
		if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * What curl printed: the body, then the status code on the last line.
	 *
	 * @param output the whole output
	 */
	public record Curl(String output) {

		/**
		 * Returns the HTTP status, {@code 000} when there was no answer.
		 * @return the status
		 */
		public String status() {
			return this.output.substring(this.output.lastIndexOf('\n', this.output.length() - 2) + 1).trim();
		}

		/**
		 * Returns the response body.
		 * @return the body
		 */
		public String body() {
			return this.output.substring(0, Math.max(0, this.output.lastIndexOf('\n', this.output.length() - 2)));
		}

	}

	/**
	 * How a jar that ran to its end exited.
	 *
	 * @param code the exit code
	 * @param log what it logged
	 */
	public record Exit(int code, String log) {
	}

}
