package io.mtls.boot.client;

import java.security.KeyStore;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyManagerFactorySpi;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.TrustManagerFactorySpi;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.server.CurrentMaterialStores;

import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.util.function.SingletonSupplier;

/**
 * Registers the outbound material as the Spring Boot SSL bundle {@value #BUNDLE_NAME}.
 * Its managers are {@link ClientTls}'s following key and trust managers, and
 * {@link SslBundle#createSslContext()} hands out {@link ClientTls}'s one context, so
 * every HTTP client built from the bundle presents the current certificate after reloads,
 * with no client rebuilt. Its stores, read by Boot's SSL info and health, reflect the
 * current material too.
 */
public class MtlsClientSslBundleRegistrar implements SslBundleRegistrar {

	/** Name of the bundle of outbound calls. */
	public static final String BUNDLE_NAME = "mtls-client";

	private final Supplier<ClientTls> tls;

	/**
	 * Creates a registrar.
	 * @param tls supplies the outbound TLS context, asked only when the bundle is first
	 * used (the server's material may itself come from an SSL bundle)
	 */
	public MtlsClientSslBundleRegistrar(Supplier<ClientTls> tls) {
		this.tls = tls;
	}

	@Override
	public void registerBundles(SslBundleRegistry registry) {
		registry.registerBundle(BUNDLE_NAME, bundle(this.tls));
	}

	/**
	 * Returns an SSL bundle over the outbound TLS context.
	 * @param tlsSupplier supplies the outbound TLS context, asked once, on first use
	 * @return the bundle
	 */
	public static SslBundle bundle(Supplier<ClientTls> tlsSupplier) {
		Supplier<ClientTls> tls = SingletonSupplier.of(tlsSupplier);
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String password = Base64.getEncoder().encodeToString(bytes);
		KeyManagerFactory keyManagers = new FixedKeyManagerFactory(() -> tls.get().keyManager());
		TrustManagerFactory trustManagers = new FixedTrustManagerFactory(() -> tls.get().trustManager());
		SslManagerBundle managers = new SslManagerBundle() {

			@Override
			public KeyManagerFactory getKeyManagerFactory() {
				return keyManagers;
			}

			@Override
			public TrustManagerFactory getTrustManagerFactory() {
				return trustManagers;
			}

			@Override
			public SSLContext createSslContext(String protocol) {
				return "TLS".equals(protocol) ? tls.get().sslContext() : tls.get().newSslContext(protocol);
			}

		};
		return SslBundle.of(new CurrentMaterialStores(() -> tls.get().material(), password),
				SslBundleKey.of(password, ServerMaterial.KEY_ALIAS), null, "TLS", managers);
	}

	private static final Provider PROVIDER = new Provider("mtls-client", "1.0", "mTLS outbound managers") {
	};

	private static final class FixedKeyManagerFactory extends KeyManagerFactory {

		FixedKeyManagerFactory(Supplier<KeyManager> keyManager) {
			super(new KeyManagerFactorySpi() {

				@Override
				protected void engineInit(KeyStore ks, char[] password) {
				}

				@Override
				protected void engineInit(ManagerFactoryParameters spec) {
				}

				@Override
				protected KeyManager[] engineGetKeyManagers() {
					return new KeyManager[] { keyManager.get() };
				}

			}, PROVIDER, "mtls-client");
		}

	}

	private static final class FixedTrustManagerFactory extends TrustManagerFactory {

		FixedTrustManagerFactory(Supplier<TrustManager> trustManager) {
			super(new TrustManagerFactorySpi() {

				@Override
				protected void engineInit(KeyStore ks) {
				}

				@Override
				protected void engineInit(ManagerFactoryParameters spec) {
				}

				@Override
				protected TrustManager[] engineGetTrustManagers() {
					return new TrustManager[] { trustManager.get() };
				}

			}, PROVIDER, "mtls-client");
		}

	}

}
