package io.mtls.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the mTLS server: the master switch, the server's key and
 * trust material, the reloading of material files and the development PKI
 * ({@code mtls.enabled}, {@code mtls.server.*}, {@code mtls.reload.*},
 * {@code mtls.dev.*}). Bound by {@link MtlsServerAutoConfiguration}, and by
 * {@link MtlsClientAutoConfiguration} for the reloading of outbound material. Unknown
 * keys are refused by {@link UnknownMtlsKeysCheck} rather than by strict binding, so that
 * lists override as in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls")
public class MtlsServerProperties {

	/**
	 * Whether mutual TLS auto-configuration is enabled.
	 */
	private boolean enabled = true;

	private final Server server = new Server();

	private final Reload reload = new Reload();

	private final Dev dev = new Dev();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Server getServer() {
		return this.server;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Dev getDev() {
		return this.dev;
	}

	/**
	 * Server-side TLS settings.
	 */
	public static class Server extends MaterialProperties {

		/**
		 * Whether the server demands ('need'), requests ('want') or ignores ('none')
		 * client certificates.
		 */
		private ClientAuth clientAuth = ClientAuth.NEED;

		/**
		 * Name of an existing 'spring.ssl.bundle' to serve instead of the key and trust
		 * properties below.
		 */
		private @Nullable String bundle;

		/**
		 * TLS implementation of the handshake: 'jdk' (JSSE), 'openssl' (BoringSSL from
		 * io.netty:netty-tcnative-boringssl-static, which must be on the classpath;
		 * startup fails without it) or 'auto' (openssl when it loads, else jdk; the
		 * choice is logged).
		 */
		private Engine engine = Engine.JDK;

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

		public Engine getEngine() {
			return this.engine;
		}

		public void setEngine(Engine engine) {
			this.engine = engine;
		}

	}

	/**
	 * Which TLS implementation does the server's handshakes.
	 */
	public enum Engine {

		/**
		 * The JDK's own implementation (JSSE).
		 */
		JDK,

		/**
		 * BoringSSL through Netty's tcnative; startup fails when it cannot load.
		 */
		OPENSSL,

		/**
		 * OpenSSL when it loads, else the JDK's; the choice is logged.
		 */
		AUTO

	}

	/**
	 * How the server treats client certificates.
	 */
	public enum ClientAuth {

		/**
		 * Refuse the handshake unless the client presents a trusted certificate.
		 */
		NEED,

		/**
		 * Ask for a client certificate but let clients without one connect.
		 */
		WANT,

		/**
		 * Do not ask for client certificates.
		 */
		NONE

	}

	/**
	 * Reloading of server key and trust material when its files change.
	 */
	public static class Reload {

		/**
		 * Whether to watch the material files and reload them when they change. When off,
		 * material is reloaded only on demand (POST /actuator/mtls).
		 */
		private boolean enabled = true;

		/**
		 * How long file changes must settle before the material is reloaded.
		 */
		private Duration quietPeriod = Duration.ofMillis(500);

		/**
		 * How often to check the files for changes even without file-system events.
		 */
		private Duration pollInterval = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

	}

	/**
	 * Development PKI settings.
	 */
	public static class Dev {

		/**
		 * Whether to generate and serve a local development PKI when no key material is
		 * configured. Never enable in production.
		 */
		private boolean enabled = false;

		/**
		 * Directory where the development PKI is written and reused across restarts.
		 */
		private String directory = ".mtls-dev";

		/**
		 * Path appended to the server URL in the curl commands logged for each
		 * development client.
		 */
		private String curlPath = "/";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public String getCurlPath() {
			return this.curlPath;
		}

		public void setCurlPath(String curlPath) {
			this.curlPath = curlPath;
		}

	}

}
