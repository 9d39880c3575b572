package io.mtls.boot.autoconfigure;

import java.util.List;

/**
 * The key and trust properties that {@code mtls.server} and {@code mtls.client} share, so
 * that {@link MaterialSources} maps both to material sources with one piece of code.
 */
interface MaterialProperties {

	String getCertificate();

	String getPrivateKey();

	String getPrivateKeyPassword();

	String getKeyStore();

	String getKeyStorePassword();

	String getKeyStoreType();

	List<String> getTrust();

	String getTrustStore();

	String getTrustStorePassword();

	String getTrustStoreType();

	String getSecretDir();

}
