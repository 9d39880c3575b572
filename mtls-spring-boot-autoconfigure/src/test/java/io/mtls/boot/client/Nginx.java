package io.mtls.boot.client;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.test.nginx.NginxProcess;

/**
 * A real nginx on loopback with one TLS server per certificate, each demanding a client
 * certificate from the given CA ({@code ssl_verify_client on}) and answering
 * {@code $ssl_client_s_dn|$ssl_client_serial}.
 */
final class Nginx implements AutoCloseable {

	private final NginxProcess process;

	private final Map<String, Integer> ports;

	private Nginx(NginxProcess process, Map<String, Integer> ports) {
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
		clientCa.writeChainPem(directory.resolve("client-ca.crt"));
		Map<String, Integer> ports = new LinkedHashMap<>();
		// keepalive_timeout 0: one connection per call: pooled connections keep their
		// session (see README)
		StringBuilder http = new StringBuilder("keepalive_timeout %s;\n".formatted(keepAlive ? "75s" : "0"));
		for (Map.Entry<String, IssuedCertificate> server : servers.entrySet()) {
			String name = server.getKey();
			server.getValue().writeChainPem(directory.resolve(name + ".crt"));
			server.getValue().writePrivateKeyPem(directory.resolve(name + ".key"));
			int port = NginxProcess.freePort();
			ports.put(name, port);
			http.append("""
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
		NginxProcess process = NginxProcess.start(directory, http.toString(),
				ports.values().stream().mapToInt(Integer::intValue).toArray());
		return new Nginx(process, ports);
	}

	int port(String name) {
		return this.ports.get(name);
	}

	String url(String name) {
		return "https://localhost:" + port(name) + "/";
	}

	@Override
	public void close() {
		this.process.close();
	}

	static List<String> split(String body) {
		return new ArrayList<>(List.of(body.split("\\|", -1)));
	}

}
