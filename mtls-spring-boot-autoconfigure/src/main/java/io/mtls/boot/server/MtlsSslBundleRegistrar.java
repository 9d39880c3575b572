package io.mtls.boot.server;

import java.security.SecureRandom;
import java.util.Base64;

import io.mtls.boot.core.ServerMaterial;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * Registers validated {@link ServerMaterial} as a Spring Boot SSL bundle, so that the
 * embedded server and Boot's SSL info, health and metrics all see the same material.
 */
public class MtlsSslBundleRegistrar implements SslBundleRegistrar {

	/**
	 * Name of the bundle registered for material configured under {@code mtls.server}.
	 */
	public static final String BUNDLE_NAME = "mtls";

	private final ServerMaterial material;

	/**
	 * Creates a registrar for the given material.
	 * @param material the validated server material
	 */
	public MtlsSslBundleRegistrar(ServerMaterial material) {
		this.material = material;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		registry.registerBundle(BUNDLE_NAME, toBundle(this.material));
	}

	/**
	 * Converts material into an SSL bundle backed by in-memory key stores.
	 * @param material the material
	 * @return the bundle
	 */
	public static SslBundle toBundle(ServerMaterial material) {
		// the stores never leave memory; a random password keeps them from being opened
		// elsewhere
		String password = randomPassword();
		SslStoreBundle stores = SslStoreBundle.of(material.keyStore(password.toCharArray()), password,
				material.trustStore());
		return SslBundle.of(stores, SslBundleKey.of(password, ServerMaterial.KEY_ALIAS));
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
