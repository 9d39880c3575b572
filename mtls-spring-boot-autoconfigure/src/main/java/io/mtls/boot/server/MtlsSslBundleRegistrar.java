package io.mtls.boot.server;

import java.security.SecureRandom;
import java.util.Base64;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ServerTls;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;

/**
 * Registers the material the server serves as a Spring Boot SSL bundle, so that the
 * embedded server setup and Boot's SSL info, health and metrics see it. The bundle's
 * stores always reflect the current material, after reloads too, without Boot's own
 * bundle-update machinery (which would rebuild the server's TLS setup behind our back).
 */
public class MtlsSslBundleRegistrar implements SslBundleRegistrar {

	/**
	 * Name of the bundle registered for material configured under {@code mtls.server}.
	 */
	public static final String BUNDLE_NAME = "mtls";

	private final ServerTls tls;

	/**
	 * Creates a registrar for the material served by the given TLS context.
	 * @param tls the server's TLS context
	 */
	public MtlsSslBundleRegistrar(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		// the stores never leave memory; a random password keeps them from being opened
		// elsewhere
		String password = randomPassword();
		registry.registerBundle(BUNDLE_NAME, SslBundle.of(new CurrentMaterialStores(this.tls::material, password),
				SslBundleKey.of(password, ServerMaterial.KEY_ALIAS)));
	}

	private static String randomPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
