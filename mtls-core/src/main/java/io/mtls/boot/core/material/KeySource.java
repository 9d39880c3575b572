package io.mtls.boot.core.material;

import java.nio.file.Path;
import java.util.List;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import org.jspecify.annotations.Nullable;

/**
 * Where a private key and its certificate chain come from. Each kind knows how to load
 * its material, what it checks while loading (format, passwords, a key entry being
 * present) and which files to watch for rotation; checks that hold for any kind (the key
 * matches the certificate, the certificate is valid now) are made by
 * {@link ServerMaterialSource} on the result.
 * <p>
 * A new kind is added as another record permitted here that implements {@link #load()}
 * and {@link #watchedPaths()} (no paths when its material is pushed rather than read from
 * files, as for the SPIFFE Workload API), plus one branch in the auto-configuration that
 * maps its properties to it.
 */
public sealed interface KeySource permits KeySource.PemFiles, KeySource.KeyStoreFile, KeySource.SecretDir,
		KeySource.Loaded, KeySource.WorkloadApi {

	/**
	 * Loads the key and chain now.
	 * @return the key material
	 * @throws io.mtls.boot.core.InvalidMaterialException if it cannot be read or parsed
	 */
	KeyMaterial load();

	/**
	 * Returns the files whose change means the material must be loaded again.
	 * @return the paths, empty when nothing can change
	 */
	List<Path> watchedPaths();

	/**
	 * A PEM certificate chain (leaf first) and a PEM private key, possibly encrypted.
	 *
	 * @param certificate the chain file
	 * @param privateKey the key file
	 * @param password the key password, or {@code null}
	 * @param passwordProperty the property holding the password, for messages
	 */
	record PemFiles(MaterialSource certificate, MaterialSource privateKey, char @Nullable [] password,
			String passwordProperty) implements KeySource {

		@Override
		public KeyMaterial load() {
			return MaterialLoader.pem(this.certificate, this.privateKey, this.password, this.passwordProperty);
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(List.of(this.certificate, this.privateKey));
		}

	}

	/**
	 * The key entry of a PKCS12 or JKS key store, protected by the store password.
	 *
	 * @param store the key store file
	 * @param type the store type
	 * @param password the store password, or {@code null}
	 * @param passwordProperty the property holding the password, for messages
	 * @param typeProperty the property holding the type, for messages
	 */
	record KeyStoreFile(MaterialSource store, String type, char @Nullable [] password, String passwordProperty,
			String typeProperty) implements KeySource {

		@Override
		public KeyMaterial load() {
			return MaterialLoader.keyStore(this.store, this.type, this.password, this.passwordProperty,
					this.typeProperty);
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(List.of(this.store));
		}

	}

	/**
	 * The {@code tls.crt} and unencrypted {@code tls.key} of a mounted Kubernetes TLS
	 * secret.
	 *
	 * @param secret the mounted secret
	 * @param passwordProperty the property a password would be set in, for messages
	 */
	record SecretDir(SecretDirectory secret, String passwordProperty) implements KeySource {

		@Override
		public KeyMaterial load() {
			return MaterialLoader.pem(this.secret.certificate(), this.secret.privateKey(), null, this.passwordProperty);
		}

		@Override
		public List<Path> watchedPaths() {
			return WatchedPaths.of(List.of(this.secret.certificate(), this.secret.privateKey()));
		}

	}

	/**
	 * Material loaded elsewhere, such as from a Spring Boot SSL bundle; it never changes.
	 *
	 * @param material the material
	 */
	record Loaded(KeyMaterial material) implements KeySource {

		@Override
		public KeyMaterial load() {
			return this.material;
		}

		@Override
		public List<Path> watchedPaths() {
			return List.of();
		}

	}

	/**
	 * The X509-SVID a SPIFFE Workload API pushed last; nothing to watch, the connection
	 * tells when it changes.
	 *
	 * @param workloadApi the connection to the Workload API
	 */
	record WorkloadApi(WorkloadApiConnection workloadApi) implements KeySource {

		@Override
		public KeyMaterial load() {
			return this.workloadApi.current().key();
		}

		@Override
		public List<Path> watchedPaths() {
			return List.of();
		}

	}

}
