package io.mtls.boot.autoconfigure;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The key and trust properties that {@code mtls.server} and {@code mtls.client} share, so
 * that {@link MaterialSources} maps both to material sources with one piece of code.
 */
interface MaterialProperties {

	@Nullable String getCertificate();

	@Nullable String getPrivateKey();

	@Nullable String getPrivateKeyPassword();

	@Nullable String getKeyStore();

	@Nullable String getKeyStorePassword();

	String getKeyStoreType();

	List<String> getTrust();

	@Nullable String getTrustStore();

	@Nullable String getTrustStorePassword();

	String getTrustStoreType();

	@Nullable String getSecretDir();

}
