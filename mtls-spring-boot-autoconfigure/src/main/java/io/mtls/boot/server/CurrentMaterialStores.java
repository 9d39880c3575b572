package io.mtls.boot.server;

import java.security.KeyStore;
import java.util.function.Supplier;

import io.mtls.boot.core.ServerMaterial;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The key and trust stores of whatever material is current: an SSL bundle built on it
 * follows every reload without being registered again. The stores are rebuilt only when
 * the material changes.
 */
public final class CurrentMaterialStores implements SslStoreBundle {

	private final Supplier<ServerMaterial> material;

	private final String password;

	private volatile @Nullable Stores stores;

	/**
	 * Creates the stores.
	 * @param material supplies the current material
	 * @param password protects the in-memory key store and its key entry
	 */
	public CurrentMaterialStores(Supplier<ServerMaterial> material, String password) {
		this.material = material;
		this.password = password;
	}

	@Override
	public KeyStore getKeyStore() {
		return current().keyStore();
	}

	@Override
	public String getKeyStorePassword() {
		return this.password;
	}

	@Override
	public @Nullable KeyStore getTrustStore() {
		return current().trustStore();
	}

	private Stores current() {
		ServerMaterial material = this.material.get();
		Stores cached = this.stores;
		if (cached == null || cached.material() != material) {
			cached = new Stores(material, material.keyStore(this.password.toCharArray()), material.trustStore());
			this.stores = cached;
		}
		return cached;
	}

	private record Stores(ServerMaterial material, KeyStore keyStore, @Nullable KeyStore trustStore) {
	}

}
