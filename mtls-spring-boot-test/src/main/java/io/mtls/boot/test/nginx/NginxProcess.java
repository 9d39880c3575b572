package io.mtls.boot.test.nginx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mtls.boot.test.junit.LoopbackPorts;
import io.mtls.boot.test.junit.ExternalTools;

/**
 * A real nginx in the foreground, with its prefix, configuration, pid, logs and temporary
 * files in one directory. The test gives what goes inside the {@code http} block
 * (listening on {@code 127.0.0.1} only, on ports from {@link #freePort()}), and
 * {@link #start(Path, String, int...)} returns once every given port accepts connections.
 * Requires {@code nginx} through {@link ExternalTools#require(String)}.
 */
public final class NginxProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final Process process;

	private NginxProcess(Process process) {
		this.process = process;
	}

	/**
	 * Writes {@code nginx.conf} into the directory and starts nginx with it.
	 * @param directory the nginx prefix: relative paths in the configuration are relative
	 * to it
	 * @param http the directives of the {@code http} block, such as its {@code server}
	 * blocks
	 * @param ports the ports on 127.0.0.1 the configuration listens on, awaited
	 * @return the running nginx
	 * @throws IOException if the files cannot be written or nginx cannot be run
	 * @throws InterruptedException if interrupted while waiting for the ports
	 * @throws IllegalStateException if nginx exits or does not listen within 20 seconds,
	 * with its error log
	 */
	public static NginxProcess start(Path directory, String http, int... ports)
			throws IOException, InterruptedException {
		Path nginx = ExternalTools.require("nginx");
		Files.createDirectories(directory.resolve("tmp"));
		Files.writeString(directory.resolve("nginx.conf"), """
				pid nginx.pid;
				error_log error.log info;
				events { worker_connections 64; }
				http {
				  access_log off;
				  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp;
				  uwsgi_temp_path tmp; scgi_temp_path tmp;
				%s}
				""".formatted(http));
		Process process = new ProcessBuilder(nginx.toString(), "-p", directory + "/", "-e", "error.log", "-c",
				"nginx.conf", "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		NginxProcess started = new NginxProcess(process);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		for (int port : ports) {
			while (!LoopbackPorts.listening(port)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					started.close();
					throw new IllegalStateException("nginx did not start: " + readIfExists(directory, "stdout.log")
							+ readIfExists(directory, "error.log"));
				}
				Thread.sleep(20);
			}
		}
		return started;
	}

	/**
	 * Returns a port on the loopback address that was free a moment ago, for a
	 * {@code listen} directive.
	 * @return the port
	 * @throws IOException if no port can be bound
	 */
	public static int freePort() throws IOException {
		return LoopbackPorts.free();
	}

	/**
	 * Stops nginx and waits for it to exit.
	 */
	@Override
	public void close() {
		this.process.destroy();
		try {
			this.process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String readIfExists(Path directory, String name) throws IOException {
		Path file = directory.resolve(name);
		return Files.exists(file) ? Files.readString(file) : "";
	}

}
