package io.mtls.boot.test.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A real TLS-terminating proxy (nginx, HAProxy, Apache httpd or Caddy) in front of the
 * application under test: it demands a client certificate issued by the given CAs,
 * refuses any other client itself, and forwards the verified certificate in the header
 * and encoding its kind of proxy uses, from {@link #sourceAddress()}.
 * <p>
 * The container shares the host's network: it listens on
 * {@code 127.0.0.1:}{@link #port()} and calls the application on {@code 127.0.0.1}, so
 * all traffic stays on loopback. Its image is never pulled: build it with
 * {@code docker/proxies/build-image.sh} (from Debian packages) or the Dockerfile beside
 * it. Without Docker or the image, {@link #start()} fails on CI and skips the test
 * elsewhere (see {@link ProxyImage#require}). Stop it yourself (or use
 * try-with-resources): run without Ryuk ({@code TESTCONTAINERS_RYUK_DISABLED=true}) where
 * no image registry is reachable.
 *
 * <pre>{@code
 * try (MtlsProxyContainer proxy = MtlsProxyContainer.nginx()
 *         .withServerCertificate(server)
 *         .withClientCa(ca.certificate())
 *         .forwardingTo(appPort)) {
 *     proxy.start();
 *     // call proxy.url("/hello") with a client certificate; the application runs with
 *     // proxy.applicationProperties()
 * }
 * }</pre>
 */
public class MtlsProxyContainer extends GenericContainer<MtlsProxyContainer> {

	/** The image {@code docker/proxies/build-image.sh} builds. */
	public static final String DEFAULT_IMAGE = "mtls-proxies:bookworm-1";

	/** The loopback address a proxy calls the application from, unless told otherwise. */
	public static final String DEFAULT_SOURCE_ADDRESS = "127.0.0.2";

	private static final String DIRECTORY = "/etc/mtls-proxy/";

	private final Proxy proxy;

	private final int port = freePort();

	private String header;

	private String sourceAddress;

	private @Nullable IssuedCertificate serverCertificate;

	private List<X509Certificate> clientCas = List.of();

	private int upstreamPort;

	private @Nullable X509Certificate upstreamCa;

	/**
	 * Creates a proxy container of the given kind from an image holding its program.
	 * @param proxy the kind of proxy
	 * @param image the image, which must exist locally
	 */
	public MtlsProxyContainer(Proxy proxy, DockerImageName image) {
		super(image);
		this.proxy = proxy;
		this.header = proxy.defaultHeader;
		this.sourceAddress = proxy.bindsSource ? DEFAULT_SOURCE_ADDRESS : "127.0.0.1";
		withNetworkMode("host");
		withImagePullPolicy((name) -> false);
		waitingFor(new LoopbackPortWait(this.port));
	}

	/**
	 * An nginx forwarding {@code $ssl_client_escaped_cert} in ingress-nginx's
	 * {@code ssl-client-cert} header (starter format {@code nginx}).
	 * @return the container, not started
	 */
	public static MtlsProxyContainer nginx() {
		return new MtlsProxyContainer(Proxy.NGINX, DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * An HAProxy forwarding {@code %[ssl_c_der,base64]} in {@code X-SSL-Client-Cert}
	 * (starter format {@code haproxy}).
	 * @return the container, not started
	 */
	public static MtlsProxyContainer haproxy() {
		return new MtlsProxyContainer(Proxy.HAPROXY, DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * An Apache httpd (mod_ssl) forwarding {@code %{SSL_CLIENT_CERT}s} in
	 * {@code SSL_CLIENT_CERT} (starter format {@code apache}). Apache cannot choose the
	 * address it calls from, so it calls from {@code 127.0.0.1}.
	 * @return the container, not started
	 */
	public static MtlsProxyContainer apache() {
		return new MtlsProxyContainer(Proxy.APACHE, DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * A Caddy forwarding {@code {http.request.tls.client.certificate_der_base64}} in
	 * {@code X-Client-Cert} (starter format {@code caddy}). Caddy 2.6 cannot choose the
	 * address it calls from, so it calls from {@code 127.0.0.1}.
	 * @return the container, not started
	 */
	public static MtlsProxyContainer caddy() {
		return new MtlsProxyContainer(Proxy.CADDY, DockerImageName.parse(DEFAULT_IMAGE));
	}

	/**
	 * Sets the certificate (with its chain) and key the proxy serves to clients.
	 * @param server the server certificate, valid for {@code localhost}
	 * @return this container
	 */
	public MtlsProxyContainer withServerCertificate(IssuedCertificate server) {
		this.serverCertificate = server;
		return this;
	}

	/**
	 * Sets the CAs whose clients the proxy admits; it refuses every other client itself.
	 * @param cas the client CA certificates
	 * @return this container
	 */
	public MtlsProxyContainer withClientCa(X509Certificate... cas) {
		this.clientCas = List.of(cas);
		return this;
	}

	/**
	 * Sets the header the certificate is forwarded in, instead of the proxy's usual one.
	 * @param header the header name
	 * @return this container
	 */
	public MtlsProxyContainer withHeader(String header) {
		this.header = header;
		return this;
	}

	/**
	 * Sets the loopback address the proxy calls the application from.
	 * @param address a loopback address, such as {@code 127.0.0.2}
	 * @return this container
	 * @throws UnsupportedOperationException for a proxy that cannot choose it
	 */
	public MtlsProxyContainer withSourceAddress(String address) {
		if (!this.proxy.bindsSource) {
			throw new UnsupportedOperationException(this.proxy.formatName() + " cannot choose its source address");
		}
		this.sourceAddress = address;
		return this;
	}

	/**
	 * Forwards to an application serving plain HTTP on {@code 127.0.0.1}.
	 * @param applicationPort the application's port
	 * @return this container
	 */
	public MtlsProxyContainer forwardingTo(int applicationPort) {
		this.upstreamPort = applicationPort;
		this.upstreamCa = null;
		return this;
	}

	/**
	 * Forwards to an application serving HTTPS on {@code 127.0.0.1} with a certificate
	 * for {@code localhost} issued by the given CA, which the proxy verifies.
	 * @param applicationPort the application's port
	 * @param applicationCa the CA of the application's server certificate
	 * @return this container
	 */
	public MtlsProxyContainer forwardingToHttps(int applicationPort, X509Certificate applicationCa) {
		this.upstreamPort = applicationPort;
		this.upstreamCa = applicationCa;
		return this;
	}

	/**
	 * Returns the port the proxy listens on, at {@code 127.0.0.1}.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the URL of a path behind the proxy.
	 * @param path the path, starting with {@code /}
	 * @return {@code https://localhost:{port}{path}}
	 */
	public String url(String path) {
		return "https://localhost:" + this.port + path;
	}

	/**
	 * Returns the address the proxy calls the application from.
	 * @return a loopback address
	 */
	public String sourceAddress() {
		return this.sourceAddress;
	}

	/**
	 * Returns the header the proxy forwards the certificate in.
	 * @return the header name
	 */
	public String header() {
		return this.header;
	}

	/**
	 * Returns the kind of proxy.
	 * @return the proxy
	 */
	public Proxy proxy() {
		return this.proxy;
	}

	/**
	 * Returns the properties that make the starter take this proxy's forwarded
	 * certificates, from this proxy's address only.
	 * @return property assignments ({@code name=value})
	 */
	public String[] applicationProperties() {
		return new String[] { "mtls.proxy.enabled=true", "mtls.proxy.format=" + this.proxy.formatName(),
				"mtls.proxy.header=" + this.header, "mtls.proxy.trusted-addresses=" + this.sourceAddress + "/32" };
	}

	@Override
	public void start() {
		ProxyImage.require(DockerImageName.parse(getDockerImageName()));
		super.start();
	}

	@Override
	protected void configure() {
		if (this.serverCertificate == null || this.clientCas.isEmpty() || this.upstreamPort == 0) {
			throw new IllegalStateException("Configure the proxy before starting it: withServerCertificate(...), "
					+ "withClientCa(...) and forwardingTo(...) or forwardingToHttps(...)");
		}
		copy("server.crt", this.serverCertificate.chainPem());
		copy("server.key", this.serverCertificate.privateKeyPem());
		copy("server.pem", this.serverCertificate.chainPem() + this.serverCertificate.privateKeyPem());
		copy("client-ca.crt", Pem.encode(this.clientCas.toArray(X509Certificate[]::new)));
		if (this.upstreamCa != null) {
			copy("upstream-ca.crt", Pem.encode(this.upstreamCa));
		}
		ProxySettings settings = new ProxySettings(DIRECTORY, this.port, this.upstreamPort, this.upstreamCa != null,
				this.header, this.sourceAddress);
		copy(this.proxy.configFile, this.proxy.configuration(settings));
		withEnv("HOME", "/tmp");
		withCommand(this.proxy.command(DIRECTORY + this.proxy.configFile));
	}

	private void copy(String name, String content) {
		withCopyToContainer(Transferable.of(content), DIRECTORY + name);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The proxies the image holds, each with the starter format
	 * ({@code mtls.proxy.format}) and header it forwards with by default.
	 */
	public enum Proxy {

		/** nginx with {@code $ssl_client_escaped_cert}. */
		NGINX("nginx", "ssl-client-cert", true, "nginx.conf"),

		/** HAProxy with {@code %[ssl_c_der,base64]}. */
		HAPROXY("haproxy", "X-SSL-Client-Cert", true, "haproxy.cfg"),

		/** Apache httpd mod_ssl with {@code %{SSL_CLIENT_CERT}s}. */
		APACHE("apache", "SSL_CLIENT_CERT", false, "apache2.conf"),

		/** Caddy with {@code {http.request.tls.client.certificate_der_base64}}. */
		CADDY("caddy", "X-Client-Cert", false, "Caddyfile");

		private final String format;

		private final String defaultHeader;

		private final boolean bindsSource;

		private final String configFile;

		Proxy(String format, String defaultHeader, boolean bindsSource, String configFile) {
			this.format = format;
			this.defaultHeader = defaultHeader;
			this.bindsSource = bindsSource;
			this.configFile = configFile;
		}

		/**
		 * Returns the value of {@code mtls.proxy.format} for this proxy.
		 * @return the format name
		 */
		public String formatName() {
			return this.format;
		}

		/**
		 * Returns the header this proxy forwards the certificate in by default: the
		 * starter's default for the format.
		 * @return the header name
		 */
		public String defaultHeader() {
			return this.defaultHeader;
		}

		String configuration(ProxySettings settings) {
			return switch (this) {
				case NGINX -> ProxyConfigurations.nginx(settings);
				case HAPROXY -> ProxyConfigurations.haproxy(settings);
				case APACHE -> ProxyConfigurations.apache(settings);
				case CADDY -> ProxyConfigurations.caddy(settings);
			};
		}

		String[] command(String config) {
			return switch (this) {
				case NGINX -> new String[] { "nginx", "-c", config };
				case HAPROXY -> new String[] { "haproxy", "-db", "-f", config };
				case APACHE -> new String[] { "apache2", "-DFOREGROUND", "-f", config };
				case CADDY -> new String[] { "caddy", "run", "--adapter", "caddyfile", "--config", config };
			};
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * Ready once the proxy accepts connections on its loopback port (with host networking
	 * no port is mapped, so Testcontainers' port checks do not apply).
	 */
	private static final class LoopbackPortWait extends AbstractWaitStrategy {

		private final int port;

		LoopbackPortWait(int port) {
			this.port = port;
		}

		@Override
		protected void waitUntilReady() {
			Instant deadline = Instant.now().plus(this.startupTimeout);
			while (!accepts(this.port)) {
				if (!this.waitStrategyTarget.isRunning() || Instant.now().isAfter(deadline)) {
					throw new ContainerLaunchException("The proxy did not listen on 127.0.0.1:" + this.port + ": "
							+ this.waitStrategyTarget.getLogs());
				}
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new ContainerLaunchException("Interrupted while waiting for the proxy", ex);
				}
			}
		}

		private static boolean accepts(int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), (int) Duration.ofMillis(200).toMillis());
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
