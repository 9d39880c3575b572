package io.mtls.boot.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.test.junit.ExternalTools;
import io.mtls.boot.pki.IssuedCertificate;

/**
 * A real nginx on loopback with one TLS server per certificate, each demanding a client
 * certificate from the given CA ({@code ssl_verify_client on}) and answering
 * {@code $ssl_client_s_dn|$ssl_client_serial}.
 */
final class Nginx implements AutoCloseable {

	private final Process process;

	private final Map<String, Integer> ports;

	private Nginx(Process process, Map<String, Integer> ports) {
		this.process = process;
		this.ports = ports;
	}

	static Nginx start(Path directory, IssuedCertificate clientCa, Map<String, IssuedCertificate> servers)
			throws IOException, InterruptedException {
		return start(directory, clientCa, servers, false);
	}

	/**
	 * Starts nginx, keeping connections alive (75 s) when asked to, so that clients pool
	 * them.
	 */
	static Nginx start(Path directory, IssuedCertificate clientCa, Map<String, IssuedCertificate> servers,
			boolean keepAlive) throws IOException, InterruptedException {
		Path nginx = ExternalTools.require("nginx");
		Files.createDirectories(directory.resolve("tmp"));
		clientCa.writeChainPem(directory.resolve("client-ca.crt"));
		Map<String, Integer> ports = new LinkedHashMap<>();
		StringBuilder conf = new StringBuilder("""
				pid nginx.pid;
				error_log error.log warn;
				events { worker_connections 64; }
				http {
				  access_log off;
				  keepalive_timeout %s; # 0: one connection per call: pooled connections keep their session (see README)
				  client_body_temp_path tmp; proxy_temp_path tmp; fastcgi_temp_path tmp;
				  uwsgi_temp_path tmp; scgi_temp_path tmp;
				""".formatted(keepAlive ? "75s" : "0"));
		for (Map.Entry<String, IssuedCertificate> server : servers.entrySet()) {
			String name = server.getKey();
			server.getValue().writeChainPem(directory.resolve(name + ".crt"));
			server.getValue().writePrivateKeyPem(directory.resolve(name + ".key"));
			int port = freePort();
			ports.put(name, port);
			conf.append("""
					  server {
					    listen 127.0.0.1:%d ssl;
					    ssl_certificate %s.crt;
					    ssl_certificate_key %s.key;
					    ssl_client_certificate client-ca.crt;
					    ssl_verify_client on;
					    location / { default_type text/plain; return 200 "$ssl_client_s_dn|$ssl_client_serial"; }
					  }
					""".formatted(port, name, name));
		}
		conf.append("}\n");
		Files.writeString(directory.resolve("nginx.conf"), conf);
		Process process = new ProcessBuilder(nginx.toString(), "-p", directory + "/", "-e", "error.log", "-c",
				"nginx.conf", "-g", "daemon off;")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("stdout.log").toFile())
			.start();
		Nginx started = new Nginx(process, ports);
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		for (int port : ports.values()) {
			while (!listening(port)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					started.close();
					throw new IllegalStateException(
							"nginx did not start: " + Files.readString(directory.resolve("error.log")));
				}
				Thread.sleep(20);
			}
		}
		return started;
	}

	int port(String name) {
		return this.ports.get(name);
	}

	String url(String name) {
		return "https://localhost:" + port(name) + "/";
	}

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
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static List<String> split(String body) {
		return new ArrayList<>(List.of(body.split("\\|", -1)));
	}

}
