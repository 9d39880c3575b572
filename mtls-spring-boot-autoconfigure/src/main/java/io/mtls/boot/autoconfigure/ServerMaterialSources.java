package io.mtls.boot.autoconfigure;

import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.core.material.TrustSource;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.dev.DevPkiFiles;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Chooses the {@link ServerMaterialSource} that {@code mtls.server.*} describes (or the
 * development PKI, or an SSL bundle), rejecting contradictory settings with a message
 * that names the properties. It only chooses: the sources load, check and watch.
 */
final class ServerMaterialSources {

	private static final String PREFIX = "mtls.server.";

	private static final String PRIVATE_KEY_PASSWORD = PREFIX + "private-key-password";

	private static final String DEV_DIRECTORY = "mtls.dev.directory";

	private static final List<String> SERVER_SSL_MATERIAL = List.of("server.ssl.bundle", "server.ssl.key-store",
			"server.ssl.certificate");

	private final MtlsServerProperties.Server server;

	private final MaterialSources sources;

	ServerMaterialSources(MtlsServerProperties.Server server, ResourceLoader resourceLoader) {
		this.server = server;
		this.sources = MaterialSources.server(server, resourceLoader);
	}

	/**
	 * Fails when another part of the configuration already gives the server TLS material.
	 * @param environment the environment
	 */
	static void rejectServerSslMaterial(Environment environment) {
		for (String property : SERVER_SSL_MATERIAL) {
			if (environment.containsProperty(property)) {
				throw new InvalidMtlsConfigurationException(
						"Both '" + property + "' and 'mtls.server.*' configure the server's TLS material.",
						"Remove '" + property + "' (to serve an existing bundle, set 'mtls.server.bundle' instead), "
								+ "or set 'mtls.enabled=false'.");
			}
		}
	}

	/**
	 * Fails when the bundle named by {@code mtls.server.bundle} asks Spring Boot to
	 * reload it: Boot would then rebuild the server's TLS setup without the mTLS trust
	 * manager.
	 * @param environment the environment
	 * @param bundle the bundle name
	 */
	static void rejectBundleReload(Environment environment, @Nullable String bundle) {
		for (String type : List.of("pem", "jks")) {
			String property = "spring.ssl.bundle." + type + "." + bundle + ".reload-on-update";
			if (environment.getProperty(property, Boolean.class, false)) {
				throw new InvalidMtlsConfigurationException(
						"'" + property + "' is true for the bundle named by 'mtls.server.bundle'.",
						"Remove '" + property + "' and configure the files under 'mtls.server.*' instead, "
								+ "where mTLS reloads them itself (on Tomcat and Jetty, validated before use).");
			}
		}
	}

	/**
	 * Chooses the files, key stores or secret directory configured under
	 * {@code mtls.server}, or the development PKI when nothing else is configured.
	 * @param devPki supplies the development PKI, or {@code null} when it is disabled
	 * @return the source
	 */
	ServerMaterialSource fromProperties(@Nullable Supplier<DevPkiFiles> devPki) {
		List<String> configured = this.sources.rejectConflicts();
		if (configured.isEmpty()) {
			if (devPki == null) {
				throw new InvalidMtlsConfigurationException("No server key material is configured under 'mtls.server'.",
						"Set 'mtls.server.certificate' and 'mtls.server.private-key', 'mtls.server.key-store', "
								+ "'mtls.server.secret-dir' or 'mtls.server.bundle'; for local development set "
								+ "'mtls.dev.enabled=true'.");
			}
			return fromDevPki(devPki.get());
		}
		// rejectConflicts() found exactly one key source property set
		return new ServerMaterialSource(Objects.requireNonNull(this.sources.keySource()), this.sources.trustSource(),
				missingTrust());
	}

	/**
	 * Reads an existing Spring Boot SSL bundle once into a source that never changes.
	 * @param sslBundles the registered bundles
	 * @return the source
	 */
	ServerMaterialSource fromBundle(SslBundles sslBundles) {
		this.sources.rejectConflicts();
		// called only when mtls.server.bundle is set
		String name = Objects.requireNonNull(this.server.getBundle());
		SslBundle bundle;
		try {
			bundle = sslBundles.getBundle(name);
		}
		catch (NoSuchSslBundleException ex) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.server.bundle' names SSL bundle '" + name + "', but no such bundle is defined.",
					"Define it under 'spring.ssl.bundle.pem." + name + "' or 'spring.ssl.bundle.jks." + name
							+ "', or correct the name.");
		}
		MaterialSource source = MaterialSource.loadedElsewhere(PREFIX + "bundle", "spring.ssl.bundle '" + name + "'");
		KeyStore keyStore = bundle.getStores().getKeyStore();
		if (keyStore == null) {
			throw new InvalidMtlsConfigurationException(
					"SSL bundle '" + name + "' named by 'mtls.server.bundle' has no key store.",
					"Configure the server certificate and private key in the bundle's 'keystore' section.");
		}
		String keyPassword = (bundle.getKey().getPassword() != null) ? bundle.getKey().getPassword()
				: bundle.getStores().getKeyStorePassword();
		KeyMaterial key = MaterialLoader.keyEntry(keyStore, chars(keyPassword), source,
				"spring.ssl.bundle.*." + name + ".key.password");
		KeyStore trustStore = bundle.getStores().getTrustStore();
		TrustSource trust = (trustStore != null)
				? new TrustSource.Loaded(MaterialLoader.trustEntries(trustStore, source)) : null;
		return new ServerMaterialSource(new KeySource.Loaded(key), trust, missingTrust());
	}

	/**
	 * Chooses the SPIFFE Workload API as the only key and trust source, refusing
	 * {@code mtls.server} material set beside it.
	 * @param workloadApi the connection to the Workload API
	 * @return the source
	 */
	ServerMaterialSource fromWorkloadApi(WorkloadApiConnection workloadApi) {
		List<String> configured = new ArrayList<>(this.sources.rejectConflicts());
		if (!this.server.getTrust().isEmpty()) {
			configured.add(PREFIX + "trust");
		}
		if (this.server.getTrustStore() != null) {
			configured.add(PREFIX + "trust-store");
		}
		if (!configured.isEmpty()) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.spiffe.workload-api.enabled' is true, and " + String.join(", ", configured)
							+ " also configures the server's material.",
					"Remove " + String.join(", ", configured) + " (the SVID and the trust bundles come from the "
							+ "Workload API), or set 'mtls.spiffe.workload-api.enabled=false'.");
		}
		return new ServerMaterialSource(new KeySource.WorkloadApi(workloadApi),
				new TrustSource.WorkloadApi(workloadApi), null);
	}

	private static ServerMaterialSource fromDevPki(DevPkiFiles files) {
		KeySource key = new KeySource.PemFiles(MaterialSource.ofPath(DEV_DIRECTORY, files.serverCertificate()),
				MaterialSource.ofPath(DEV_DIRECTORY, files.serverPrivateKey()), null, PRIVATE_KEY_PASSWORD);
		TrustSource trust = new TrustSource.PemFiles(DEV_DIRECTORY,
				List.of(MaterialSource.ofPath(DEV_DIRECTORY, files.caCertificate())));
		return new ServerMaterialSource(key, trust, null);
	}

	private @Nullable Supplier<MtlsStartupException> missingTrust() {
		MtlsServerProperties.ClientAuth clientAuth = this.server.getClientAuth();
		if (clientAuth == MtlsServerProperties.ClientAuth.NONE) {
			return null;
		}
		String mode = clientAuth.name().toLowerCase();
		return () -> new InvalidMtlsConfigurationException(
				"'mtls.server.client-auth' is '" + mode + "' but no trust material is configured, so no client "
						+ "certificate could be verified.",
				"Set 'mtls.server.trust' to the PEM file of the CA that issues client certificates (or "
						+ "'mtls.server.trust-store', or a 'ca.crt' in 'mtls.server.secret-dir'), or set "
						+ "'mtls.server.client-auth=none'.");
	}

	private static char @Nullable [] chars(@Nullable String password) {
		return (password != null) ? password.toCharArray() : null;
	}

}
