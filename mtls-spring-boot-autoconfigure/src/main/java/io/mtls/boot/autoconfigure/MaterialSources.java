package io.mtls.boot.autoconfigure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.SecretDirectory;
import io.mtls.boot.core.material.TrustSource;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Maps the key and trust properties under one prefix ({@code mtls.server} or
 * {@code mtls.client}) to the {@link KeySource} and {@link TrustSource} they describe,
 * rejecting contradictory settings once with a message that names the properties. It only
 * chooses: the sources load, check and watch.
 */
final class MaterialSources {

	private final String prefix;

	private final MaterialProperties properties;

	private final @Nullable String bundle;

	private final boolean offersBundle;

	private final String side;

	private final String needsBoth;

	private final ResourceLoader resourceLoader;

	private MaterialSources(String prefix, MaterialProperties properties, @Nullable String bundle, String side,
			String needsBoth, ResourceLoader resourceLoader) {
		this.prefix = prefix + ".";
		this.properties = properties;
		this.bundle = bundle;
		this.offersBundle = "mtls.server".equals(prefix);
		this.side = side;
		this.needsBoth = needsBoth;
		this.resourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
	}

	/**
	 * Maps {@code mtls.server.*}, where {@code mtls.server.bundle} is one more key
	 * source.
	 * @param server the server properties
	 * @param resourceLoader the resource loader
	 * @return the mapping
	 */
	static MaterialSources server(MtlsServerProperties.Server server, ResourceLoader resourceLoader) {
		return new MaterialSources("mtls.server", server, server.getBundle(), "Server",
				"the server needs both its certificate and its private key", resourceLoader);
	}

	/**
	 * Maps {@code mtls.client.*}.
	 * @param client the client properties
	 * @param resourceLoader the resource loader
	 * @return the mapping
	 */
	static MaterialSources client(MtlsClientProperties client, ResourceLoader resourceLoader) {
		return new MaterialSources("mtls.client", client, null, "Outbound",
				"outbound calls need both the certificate and its key", resourceLoader);
	}

	/**
	 * Returns the name of the property under this prefix.
	 * @param name the property name without prefix
	 * @return the full name
	 */
	String property(String name) {
		return this.prefix + name;
	}

	/**
	 * Checks once that at most one key source and one trust source are configured, and
	 * nothing beside a bundle.
	 * @return the key source properties that are set, empty when none is
	 */
	List<String> rejectConflicts() {
		MaterialProperties p = this.properties;
		List<String> configured = new ArrayList<>();
		addIf(configured, "certificate", hasText(p.getCertificate()) || hasText(p.getPrivateKey()));
		addIf(configured, "key-store", hasText(p.getKeyStore()));
		addIf(configured, "secret-dir", hasText(p.getSecretDir()));
		List<String> trust = new ArrayList<>();
		addIf(trust, "trust", !p.getTrust().isEmpty());
		addIf(trust, "trust-store", hasText(p.getTrustStore()));
		if (hasText(this.bundle)) {
			List<String> alsoSet = new ArrayList<>(configured);
			alsoSet.addAll(trust);
			if (!alsoSet.isEmpty()) {
				throw new InvalidMtlsConfigurationException(
						"'" + property("bundle") + "' cannot be combined with " + String.join(", ", alsoSet) + ".",
						"Configure key and trust material in the 'spring.ssl.bundle.*." + this.bundle
								+ "' bundle only, or remove '" + property("bundle") + "'.");
			}
			configured.add(property("bundle"));
		}
		if (configured.size() > 1) {
			String bundleAlternative = this.offersBundle
					? ", '" + property("secret-dir") + "' or '" + property("bundle") + "'"
					: " or '" + property("secret-dir") + "'";
			throw new InvalidMtlsConfigurationException(
					this.side + " key material is configured more than once: " + String.join(", ", configured) + ".",
					"Keep exactly one of '" + property("certificate") + "' (with 'private-key'), '"
							+ property("key-store") + "'" + bundleAlternative + ".");
		}
		if (trust.size() > 1) {
			throw new InvalidMtlsConfigurationException(
					"Both '" + property("trust") + "' and '" + property("trust-store") + "' are set.",
					"Keep only one of '" + property("trust") + "' and '" + property("trust-store") + "'.");
		}
		return configured;
	}

	/**
	 * Returns the key source the properties choose; call {@link #rejectConflicts()}
	 * first.
	 * @return the source, or {@code null} when no key source property is set
	 */
	@Nullable KeySource keySource() {
		MaterialProperties p = this.properties;
		if (hasText(p.getCertificate()) || hasText(p.getPrivateKey())) {
			rejectOnlyOne("certificate", p.getCertificate(), "private-key", p.getPrivateKey());
			return new KeySource.PemFiles(source("certificate", p.getCertificate()),
					source("private-key", p.getPrivateKey()), chars(p.getPrivateKeyPassword()),
					property("private-key-password"));
		}
		if (hasText(p.getKeyStore())) {
			return new KeySource.KeyStoreFile(source("key-store", p.getKeyStore()), p.getKeyStoreType(),
					chars(p.getKeyStorePassword()), property("key-store-password"), property("key-store-type"));
		}
		if (hasText(p.getSecretDir())) {
			return new KeySource.SecretDir(secretDirectory(), property("private-key-password"));
		}
		return null;
	}

	/**
	 * Returns the trust source the properties choose; call {@link #rejectConflicts()}
	 * first.
	 * @return the source, or {@code null} when none is set
	 */
	@Nullable TrustSource trustSource() {
		MaterialProperties p = this.properties;
		if (!p.getTrust().isEmpty()) {
			return new TrustSource.PemFiles(property("trust"),
					p.getTrust().stream().map((location) -> source("trust", location)).toList());
		}
		if (hasText(p.getTrustStore())) {
			return new TrustSource.TrustStoreFile(source("trust-store", p.getTrustStore()), p.getTrustStoreType(),
					chars(p.getTrustStorePassword()), property("trust-store-password"), property("trust-store-type"));
		}
		if (hasText(p.getSecretDir())) {
			return new TrustSource.SecretDirCa(secretDirectory());
		}
		return null;
	}

	private SecretDirectory secretDirectory() {
		return new SecretDirectory(source("secret-dir", this.properties.getSecretDir()));
	}

	private MaterialSource source(String name, @Nullable String location) {
		// callers check that the property is set first
		Assert.state(location != null, () -> "'" + property(name) + "' is not set");
		return resolve(this.resourceLoader, property(name), location);
	}

	/**
	 * Resolves a location: a file on the default file system is read (and can be watched)
	 * as a path, anything else through its resource.
	 * @param resourceLoader resolves the location
	 * @param property the property that names it, for messages
	 * @param location the location
	 * @return the source
	 */
	static MaterialSource resolve(ResourceLoader resourceLoader, String property, String location) {
		Resource resource = resourceLoader.getResource(location);
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

	private void addIf(List<String> set, String name, boolean isSet) {
		if (isSet) {
			set.add(property(name));
		}
	}

	private void rejectOnlyOne(String first, @Nullable String firstValue, String second, @Nullable String secondValue) {
		if (hasText(firstValue) != hasText(secondValue)) {
			String missing = hasText(firstValue) ? second : first;
			String present = hasText(firstValue) ? first : second;
			throw new InvalidMtlsConfigurationException(
					"'" + property(present) + "' is set but '" + property(missing) + "' is not.",
					"Set '" + property(missing) + "' as well: " + this.needsBoth + ".");
		}
	}

	private static boolean hasText(@Nullable String value) {
		return StringUtils.hasText(value);
	}

	static char @Nullable [] chars(@Nullable String password) {
		return (password != null) ? password.toCharArray() : null;
	}

}
