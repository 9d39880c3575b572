package io.mtls.boot.core.material;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import org.jspecify.annotations.Nullable;

/**
 * Where the trusted CA certificates come from. Each kind knows how to load them, what it
 * checks while loading (format, passwords, at least one certificate) and which files to
 * watch for rotation; whether they hold a CA usable now is checked by
 * {@link ServerMaterialSource} on the result.
 * <p>
 * A new kind is added as another record permitted here that implements {@link #load()}
 * and {@link #watchedPaths()}, plus one branch in the auto-configuration that maps its
 * properties to it, as the SPIFFE Workload API's pushed bundles are.
 */
public sealed interface TrustSource permits TrustSource.PemFiles, TrustSource.TrustStoreFile, TrustSource.SecretDirCa,
		TrustSource.Loaded, TrustSource.WorkloadApi {

	/**
	 * Loads the trusted certificates now.
	 * @return the trust material, empty only when an optional file is absent
	 * @throws io.mtls.boot.core.InvalidMaterialException if it cannot be read or parsed
	 */
	Optional<TrustMaterial> load();

	/**
	 * Returns the files and directories whose change means the trust must be loaded
	 * again.
	 * @return the paths, empty when nothing can change
	 */
	List<Path> watchedPaths();

	/**
	 * PEM files or directories of PEM files ({@code .pem}, {@code .crt}, {@code .cer}).
	 *
	 * @param property the property naming the locations
	 * @param locations the files or directories
	 */
	record PemFiles(String property, List<MaterialSource> locations) implements TrustSource {

		/**
		 * Creates the source, copying the locations.
		 */
		public PemFiles {
			locations = List.copyOf(locations);
		}

		@Override
		public Optional<TrustMaterial> load() {
			return Optional.of(MaterialLoader.trust(this.property, this.locations));
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(this.locations);
		}

	}

	/**
	 * The certificate entries of a PKCS12 or JKS trust store.
	 *
	 * @param store the trust store file
	 * @param type the store type
	 * @param password the store password, or {@code null}
	 * @param passwordProperty the property holding the password, for messages
	 * @param typeProperty the property holding the type, for messages
	 */
	record TrustStoreFile(MaterialSource store, String type, char @Nullable [] password, String passwordProperty,
			String typeProperty) implements TrustSource {

		@Override
		public Optional<TrustMaterial> load() {
			return Optional.of(MaterialLoader.trustStore(this.store, this.type, this.password, this.passwordProperty,
					this.typeProperty));
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(List.of(this.store));
		}

	}

	/**
	 * The {@code ca.crt} of a mounted Kubernetes TLS secret, when the issuer wrote one.
	 *
	 * @param secret the mounted secret
	 */
	record SecretDirCa(SecretDirectory secret) implements TrustSource {

		@Override
		public Optional<TrustMaterial> load() {
			if (!this.secret.hasCa()) {
				return Optional.empty();
			}
			MaterialSource ca = this.secret.ca();
			return Optional.of(MaterialLoader.trust(ca.property(), List.of(ca)));
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(List.of(this.secret.ca()));
		}

	}

	/**
	 * Trust loaded elsewhere, such as from a Spring Boot SSL bundle; it never changes.
	 *
	 * @param material the material
	 */
	record Loaded(TrustMaterial material) implements TrustSource {

		@Override
		public Optional<TrustMaterial> load() {
			return Optional.of(this.material);
		}

		@Override
		public List<Path> watchedPaths() {
			return List.of();
		}

	}

	/**
	 * The X.509 bundles of every trust domain a SPIFFE Workload API pushed last, its own
	 * and the federated ones; nothing to watch, the connection tells when they change.
	 *
	 * @param workloadApi the connection to the Workload API
	 */
	record WorkloadApi(WorkloadApiConnection workloadApi) implements TrustSource {

		@Override
		public Optional<TrustMaterial> load() {
			return Optional.of(this.workloadApi.current().trust(this.workloadApi.source()));
		}

		@Override
		public List<Path> watchedPaths() {
			return List.of();
		}

	}

}
