package io.mtls.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The key and trust properties that {@code mtls.server} and {@code mtls.client} share, so
 * that {@link MaterialSources} maps both to material sources with one piece of code. The
 * configuration processor would give both prefixes the javadoc below, so the descriptions
 * IDEs show, worded for each side, are in
 * {@code META-INF/additional-spring-configuration-metadata.json}.
 */
public abstract class MaterialProperties {

	/**
	 * Location of the PEM certificate chain this side presents, leaf first.
	 */
	private @Nullable String certificate;

	/**
	 * Location of the PEM private key of the certificate.
	 */
	private @Nullable String privateKey;

	/**
	 * Password of an encrypted PEM private key.
	 */
	private @Nullable String privateKeyPassword;

	/**
	 * Location of a PKCS12 or JKS key store holding the key and chain, as an alternative
	 * to 'certificate' and 'private-key'.
	 */
	private @Nullable String keyStore;

	/**
	 * Password of the key store and of its key entry.
	 */
	private @Nullable String keyStorePassword;

	/**
	 * Type of the key store: PKCS12 or JKS.
	 */
	private String keyStoreType = "PKCS12";

	/**
	 * PEM files, or directories of PEM files, holding the CA certificates the peer's
	 * certificates must chain to.
	 */
	private List<String> trust = new ArrayList<>();

	/**
	 * Location of a PKCS12 or JKS trust store, as an alternative to 'trust'.
	 */
	private @Nullable String trustStore;

	/**
	 * Password of the trust store.
	 */
	private @Nullable String trustStorePassword;

	/**
	 * Type of the trust store: PKCS12 or JKS.
	 */
	private String trustStoreType = "PKCS12";

	/**
	 * Directory of a mounted 'kubernetes.io/tls' secret holding tls.crt, tls.key and
	 * optionally ca.crt.
	 */
	private @Nullable String secretDir;

	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	public @Nullable String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable String privateKey) {
		this.privateKey = privateKey;
	}

	public @Nullable String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	public @Nullable String getKeyStore() {
		return this.keyStore;
	}

	public void setKeyStore(@Nullable String keyStore) {
		this.keyStore = keyStore;
	}

	public @Nullable String getKeyStorePassword() {
		return this.keyStorePassword;
	}

	public void setKeyStorePassword(@Nullable String keyStorePassword) {
		this.keyStorePassword = keyStorePassword;
	}

	public String getKeyStoreType() {
		return this.keyStoreType;
	}

	public void setKeyStoreType(String keyStoreType) {
		this.keyStoreType = keyStoreType;
	}

	public List<String> getTrust() {
		return this.trust;
	}

	public void setTrust(List<String> trust) {
		this.trust = trust;
	}

	public @Nullable String getTrustStore() {
		return this.trustStore;
	}

	public void setTrustStore(@Nullable String trustStore) {
		this.trustStore = trustStore;
	}

	public @Nullable String getTrustStorePassword() {
		return this.trustStorePassword;
	}

	public void setTrustStorePassword(@Nullable String trustStorePassword) {
		this.trustStorePassword = trustStorePassword;
	}

	public String getTrustStoreType() {
		return this.trustStoreType;
	}

	public void setTrustStoreType(String trustStoreType) {
		this.trustStoreType = trustStoreType;
	}

	public @Nullable String getSecretDir() {
		return this.secretDir;
	}

	public void setSecretDir(@Nullable String secretDir) {
		this.secretDir = secretDir;
	}

}
