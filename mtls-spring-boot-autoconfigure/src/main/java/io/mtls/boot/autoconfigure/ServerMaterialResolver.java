package io.mtls.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.dev.DevPkiFiles;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

/**
 * Turns {@code mtls.server.*} settings into validated {@link ServerMaterial}, rejecting
 * contradictory settings with a message that names the properties.
 */
final class ServerMaterialResolver {

	private static final String PREFIX = "mtls.server.";

	private static final List<String> SERVER_SSL_MATERIAL = List.of("server.ssl.bundle", "server.ssl.key-store",
			"server.ssl.certificate");

	private final MtlsProperties.Server server;

	private final ResourceLoader resourceLoader;

	private final Clock clock;

	ServerMaterialResolver(MtlsProperties.Server server, ResourceLoader resourceLoader, Clock clock) {
		this.server = server;
		this.resourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
		this.clock = clock;
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
	static void rejectBundleReload(Environment environment, String bundle) {
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
	 * Loads the material configured by files, key stores or a secret directory, or by the
	 * development PKI when nothing else is configured.
	 * @param devPki supplies the development PKI, or {@code null} when it is disabled
	 * @return the validated material
	 */
	ServerMaterial fromProperties(Supplier<DevPkiFiles> devPki) {
		Map<String, Boolean> keySources = keySources();
		List<String> configured = keySources.entrySet()
			.stream()
			.filter(Map.Entry::getValue)
			.map(Map.Entry::getKey)
			.toList();
		if (configured.size() > 1) {
			throw new InvalidMtlsConfigurationException(
					"Server key material is configured more than once: " + String.join(", ", configured) + ".",
					"Keep exactly one of 'mtls.server.certificate' (with 'private-key'), 'mtls.server.key-store', "
							+ "'mtls.server.secret-dir' or 'mtls.server.bundle'.");
		}
		if (!this.server.getTrust().isEmpty() && hasText(this.server.getTrustStore())) {
			throw new InvalidMtlsConfigurationException(
					"Both 'mtls.server.trust' and 'mtls.server.trust-store' are set.",
					"Keep only one of 'mtls.server.trust' and 'mtls.server.trust-store'.");
		}
		if (configured.isEmpty()) {
			if (devPki == null) {
				throw new InvalidMtlsConfigurationException("No server key material is configured under 'mtls.server'.",
						"Set 'mtls.server.certificate' and 'mtls.server.private-key', 'mtls.server.key-store', "
								+ "'mtls.server.secret-dir' or 'mtls.server.bundle'; for local development set "
								+ "'mtls.dev.enabled=true'.");
			}
			return fromDevPki(devPki.get());
		}
		KeyMaterial key = loadKey(configured.get(0));
		return ServerMaterial.validated(key, requireTrust(loadTrust()), this.clock.instant());
	}

	/**
	 * Loads and validates the material of an existing Spring Boot SSL bundle.
	 * @param sslBundles the registered bundles
	 * @return the validated material
	 */
	ServerMaterial fromBundle(SslBundles sslBundles) {
		String name = this.server.getBundle();
		Map<String, Boolean> keySources = keySources();
		keySources.remove(PREFIX + "bundle");
		List<String> alsoSet = new ArrayList<>(
				keySources.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList());
		if (!this.server.getTrust().isEmpty()) {
			alsoSet.add(PREFIX + "trust");
		}
		if (hasText(this.server.getTrustStore())) {
			alsoSet.add(PREFIX + "trust-store");
		}
		if (!alsoSet.isEmpty()) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.server.bundle' cannot be combined with " + String.join(", ", alsoSet) + ".",
					"Configure key and trust material in the 'spring.ssl.bundle." + "*." + name
							+ "' bundle only, or remove 'mtls.server.bundle'.");
		}
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
		TrustMaterial trust = (trustStore != null) ? MaterialLoader.trustEntries(trustStore, source) : null;
		return ServerMaterial.validated(key, requireTrust(trust), this.clock.instant());
	}

	/**
	 * Returns the files and directories the material is read from, for watching; sources
	 * that are not files (classpath resources) are left out.
	 * @param devPki supplies the development PKI, or {@code null} when it is disabled
	 * @return the paths
	 */
	List<Path> materialPaths(Supplier<DevPkiFiles> devPki) {
		List<String> keyProperties = keySources().entrySet()
			.stream()
			.filter(Map.Entry::getValue)
			.map(Map.Entry::getKey)
			.toList();
		if (keyProperties.isEmpty() && devPki != null) {
			DevPkiFiles files = devPki.get();
			return List.of(files.caCertificate(), files.serverCertificate(), files.serverPrivateKey());
		}
		List<Path> paths = new ArrayList<>();
		addPath(paths, "certificate", this.server.getCertificate());
		addPath(paths, "private-key", this.server.getPrivateKey());
		addPath(paths, "key-store", this.server.getKeyStore());
		this.server.getTrust().forEach((location) -> addPath(paths, "trust", location));
		addPath(paths, "trust-store", this.server.getTrustStore());
		if (hasText(this.server.getSecretDir())) {
			MaterialSource dir = source("secret-dir", this.server.getSecretDir());
			for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
				paths.add(dir.resolve(file).path());
			}
		}
		return paths;
	}

	private void addPath(List<Path> paths, String name, String location) {
		if (hasText(location)) {
			Path path = source(name, location).path();
			if (path != null) {
				paths.add(path);
			}
		}
	}

	private Map<String, Boolean> keySources() {
		Map<String, Boolean> sources = new LinkedHashMap<>();
		sources.put(PREFIX + "certificate",
				hasText(this.server.getCertificate()) || hasText(this.server.getPrivateKey()));
		sources.put(PREFIX + "key-store", hasText(this.server.getKeyStore()));
		sources.put(PREFIX + "secret-dir", hasText(this.server.getSecretDir()));
		sources.put(PREFIX + "bundle", hasText(this.server.getBundle()));
		return sources;
	}

	private KeyMaterial loadKey(String property) {
		return switch (property) {
			case PREFIX + "certificate" -> {
				rejectOnlyOne("certificate", this.server.getCertificate(), "private-key", this.server.getPrivateKey());
				yield MaterialLoader.pem(source("certificate", this.server.getCertificate()),
						source("private-key", this.server.getPrivateKey()), chars(this.server.getPrivateKeyPassword()),
						PREFIX + "private-key-password");
			}
			case PREFIX + "key-store" -> MaterialLoader.keyStore(source("key-store", this.server.getKeyStore()),
					this.server.getKeyStoreType(), chars(this.server.getKeyStorePassword()),
					PREFIX + "key-store-password", PREFIX + "key-store-type");
			default -> {
				MaterialSource dir = source("secret-dir", this.server.getSecretDir());
				yield MaterialLoader.pem(dir.resolve("tls.crt"), dir.resolve("tls.key"), null,
						PREFIX + "private-key-password");
			}
		};
	}

	private TrustMaterial loadTrust() {
		if (!this.server.getTrust().isEmpty()) {
			List<MaterialSource> sources = this.server.getTrust()
				.stream()
				.map((location) -> source("trust", location))
				.toList();
			return MaterialLoader.trust(PREFIX + "trust", sources);
		}
		if (hasText(this.server.getTrustStore())) {
			return MaterialLoader.trustStore(source("trust-store", this.server.getTrustStore()),
					this.server.getTrustStoreType(), chars(this.server.getTrustStorePassword()),
					PREFIX + "trust-store-password", PREFIX + "trust-store-type");
		}
		if (hasText(this.server.getSecretDir())) {
			MaterialSource ca = source("secret-dir", this.server.getSecretDir()).resolve("ca.crt");
			if (ca.path().toFile().exists()) {
				return MaterialLoader.trust(PREFIX + "secret-dir", List.of(ca));
			}
		}
		return null;
	}

	private ServerMaterial fromDevPki(DevPkiFiles files) {
		KeyMaterial key = MaterialLoader.pem(MaterialSource.ofPath("mtls.dev.directory", files.serverCertificate()),
				MaterialSource.ofPath("mtls.dev.directory", files.serverPrivateKey()), null,
				PREFIX + "private-key-password");
		TrustMaterial trust = MaterialLoader.trust("mtls.dev.directory",
				List.of(MaterialSource.ofPath("mtls.dev.directory", files.caCertificate())));
		return ServerMaterial.validated(key, trust, this.clock.instant());
	}

	private TrustMaterial requireTrust(TrustMaterial trust) {
		if (trust == null && this.server.getClientAuth() != MtlsProperties.ClientAuth.NONE) {
			String mode = this.server.getClientAuth().name().toLowerCase();
			throw new InvalidMtlsConfigurationException(
					"'mtls.server.client-auth' is '" + mode + "' but no trust material is configured, so no client "
							+ "certificate could be verified.",
					"Set 'mtls.server.trust' to the PEM file of the CA that issues client certificates (or "
							+ "'mtls.server.trust-store', or a 'ca.crt' in 'mtls.server.secret-dir'), or set "
							+ "'mtls.server.client-auth=none'.");
		}
		return trust;
	}

	private MaterialSource source(String name, String location) {
		String property = PREFIX + name;
		Resource resource = this.resourceLoader.getResource(location);
		if (resource.isFile()) {
			try {
				return MaterialSource.ofPath(property, resource.getFile().toPath());
			}
			catch (IOException ex) {
				// not on the default file system: fall back to reading the resource
			}
		}
		return MaterialSource.of(property, location, resource::getContentAsByteArray);
	}

	private static void rejectOnlyOne(String first, String firstValue, String second, String secondValue) {
		if (hasText(firstValue) != hasText(secondValue)) {
			String missing = hasText(firstValue) ? second : first;
			String present = hasText(firstValue) ? first : second;
			throw new InvalidMtlsConfigurationException(
					"'" + PREFIX + present + "' is set but '" + PREFIX + missing + "' is not.", "Set '" + PREFIX
							+ missing + "' as well: the server needs both its certificate and its private key.");
		}
	}

	private static boolean hasText(String value) {
		return StringUtils.hasText(value);
	}

	private static char[] chars(String password) {
		return (password != null) ? password.toCharArray() : null;
	}

}
