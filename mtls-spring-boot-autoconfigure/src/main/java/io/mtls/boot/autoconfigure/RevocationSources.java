package io.mtls.boot.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.revocation.CrlStore;
import io.mtls.boot.core.revocation.DenyList;
import io.mtls.boot.core.revocation.RevocationMaterial;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Where the revocation material comes from ({@code mtls.revocation.crl},
 * {@code mtls.revocation.deny} and {@code mtls.revocation.deny-file}) and how to load it:
 * kept apart from the server's key and trust material so each evolves on its own. The
 * {@code deny} entries are bound again from the {@link Environment} at every load, so a
 * changed property source applies at the next reload.
 */
final class RevocationSources {

	private static final String PREFIX = "mtls.revocation.";

	private final MtlsRevocationProperties revocation;

	private final ResourceLoader resourceLoader;

	private final Environment environment;

	private final Clock clock;

	RevocationSources(MtlsRevocationProperties revocation, ResourceLoader resourceLoader, Environment environment,
			Clock clock) {
		this.revocation = revocation;
		this.resourceLoader = ApplicationResourceLoader.get(resourceLoader, true);
		this.environment = environment;
		this.clock = clock;
	}

	/**
	 * Loads and validates the CRLs and the deny-list.
	 * @param trusted the CA certificates the CRLs are verified against
	 * @return the material
	 * @throws io.mtls.boot.core.MtlsStartupException if anything is unusable
	 */
	RevocationMaterial load(Supplier<List<X509Certificate>> trusted) {
		List<MaterialSource> crls = this.revocation.getCrl()
			.stream()
			.map((location) -> source("crl", location))
			.toList();
		CrlStore store = crls.isEmpty() ? CrlStore.empty() : CrlStore.load(crls, trusted.get(), this.clock.instant());
		return new RevocationMaterial(store, denyList());
	}

	private DenyList denyList() {
		List<String> entries = Binder.get(this.environment)
			.bind(PREFIX + "deny", Bindable.listOf(String.class))
			.orElse(this.revocation.getDeny());
		List<String> all = new ArrayList<>();
		DenyList fromProperty = DenyList.parse(entries,
				(index, problem) -> new InvalidMtlsConfigurationException(
						"'" + PREFIX + "deny[" + index + "]' is not a deny-list entry: " + problem,
						"Write deny-list entries as 'serial:<hex>' (openssl x509 -serial) or 'sha256:<hex>' "
								+ "(openssl x509 -fingerprint -sha256), hex digits in any case, colons allowed."));
		all.addAll(fromProperty.entries());
		String denyFile = denyFile();
		if (denyFile == null) {
			return fromProperty;
		}
		MaterialSource file = source("deny-file", denyFile);
		List<String> lines = Arrays.asList(new String(file.read(), StandardCharsets.UTF_8).split("\\R"));
		DenyList fromFile = DenyList.parse(lines,
				(index, problem) -> new InvalidMaterialException(file,
						"line " + (index + 1) + " is not a deny-list entry: " + problem,
						"Write one entry per line as 'serial:<hex>' or 'sha256:<hex>'; '#' starts a comment."));
		all.addAll(fromFile.entries());
		return DenyList.parse(all, (index, problem) -> new IllegalStateException(problem));
	}

	private @Nullable String denyFile() {
		return Binder.get(this.environment)
			.bind(PREFIX + "deny-file", Bindable.of(String.class))
			.orElse(this.revocation.getDenyFile());
	}

	/**
	 * Returns the files and directories to watch; locations that are not files are left
	 * out.
	 * @return the paths
	 */
	List<Path> watchedPaths() {
		List<Path> paths = new ArrayList<>();
		this.revocation.getCrl().forEach((location) -> addPath(paths, "crl", location));
		if (this.revocation.getDenyFile() != null) {
			addPath(paths, "deny-file", this.revocation.getDenyFile());
		}
		return paths;
	}

	private void addPath(List<Path> paths, String name, String location) {
		Path path = source(name, location).path();
		if (path != null) {
			paths.add(path);
		}
	}

	private MaterialSource source(String name, String location) {
		return MaterialSources.resolve(this.resourceLoader, PREFIX + name, location);
	}

}
