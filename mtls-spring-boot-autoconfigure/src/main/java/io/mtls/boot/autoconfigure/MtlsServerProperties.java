package io.mtls.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
	public static class Server implements MaterialProperties {

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
		 * Location of the PEM server certificate chain, leaf first.
		 */
		private @Nullable String certificate;

		/**
		 * Location of the PEM private key of the server certificate.
		 */
		private @Nullable String privateKey;

		/**
		 * Password of an encrypted PEM private key.
		 */
		private @Nullable String privateKeyPassword;

		/**
		 * Location of a PKCS12 or JKS key store holding the server key and chain, as an
		 * alternative to 'certificate' and 'private-key'.
		 */
		private @Nullable String keyStore;

		/**
		 * Password of the key store and of its key entry.
		 */
		private @Nullable String keyStorePassword;

		/**
		 * Type of the key store: PKCS12 or JKS.
		 */
		private String keyStoreType = "PKCS12";

		/**
		 * PEM files, or directories of PEM files, holding the CA certificates that client
		 * certificates must chain to.
		 */
		private List<String> trust = new ArrayList<>();

		/**
		 * Location of a PKCS12 or JKS trust store, as an alternative to 'trust'.
		 */
		private @Nullable String trustStore;

		/**
		 * Password of the trust store.
		 */
		private @Nullable String trustStorePassword;

		/**
		 * Type of the trust store: PKCS12 or JKS.
		 */
		private String trustStoreType = "PKCS12";

		/**
		 * Directory of a mounted 'kubernetes.io/tls' secret holding tls.crt, tls.key and
		 * optionally ca.crt.
		 */
		private @Nullable String secretDir;

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

		public @Nullable String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(@Nullable String certificate) {
			this.certificate = certificate;
		}

		public @Nullable String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(@Nullable String privateKey) {
			this.privateKey = privateKey;
		}

		public @Nullable String getPrivateKeyPassword() {
			return this.privateKeyPassword;
		}

		public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
			this.privateKeyPassword = privateKeyPassword;
		}

		public @Nullable String getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(@Nullable String keyStore) {
			this.keyStore = keyStore;
		}

		public @Nullable String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(@Nullable String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public String getKeyStoreType() {
			return this.keyStoreType;
		}

		public void setKeyStoreType(String keyStoreType) {
			this.keyStoreType = keyStoreType;
		}

		public List<String> getTrust() {
			return this.trust;
		}

		public void setTrust(List<String> trust) {
			this.trust = trust;
		}

		public @Nullable String getTrustStore() {
			return this.trustStore;
		}

		public void setTrustStore(@Nullable String trustStore) {
			this.trustStore = trustStore;
		}

		public @Nullable String getTrustStorePassword() {
			return this.trustStorePassword;
		}

		public void setTrustStorePassword(@Nullable String trustStorePassword) {
			this.trustStorePassword = trustStorePassword;
		}

		public String getTrustStoreType() {
			return this.trustStoreType;
		}

		public void setTrustStoreType(String trustStoreType) {
			this.trustStoreType = trustStoreType;
		}

		public @Nullable String getSecretDir() {
			return this.secretDir;
		}

		public void setSecretDir(@Nullable String secretDir) {
			this.secretDir = secretDir;
		}

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
