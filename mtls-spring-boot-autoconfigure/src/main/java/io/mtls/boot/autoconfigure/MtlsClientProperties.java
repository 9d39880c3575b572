package io.mtls.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Outbound mutual TLS settings ({@code mtls.client.*}): the identity this service
 * presents when it calls other services, the CAs it trusts for them, and what their
 * certificates must show. Bound by {@link MtlsClientAutoConfiguration}. Unknown keys are
 * refused by {@link UnknownMtlsKeysCheck} rather than by strict binding, so that lists
 * override as in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls.client")
public class MtlsClientProperties implements MaterialProperties {

	/**
	 * Whether outbound calls present this service's certificate and verify the called
	 * server with the mTLS material; on by default whenever server material exists.
	 */
	private boolean enabled = true;

	/**
	 * Location of the PEM client certificate chain, leaf first; by default the server's
	 * own key material is presented.
	 */
	private @Nullable String certificate;

	/**
	 * Location of the PEM private key of the client certificate.
	 */
	private @Nullable String privateKey;

	/**
	 * Password of an encrypted PEM client private key.
	 */
	private @Nullable String privateKeyPassword;

	/**
	 * Location of a PKCS12 or JKS key store holding the client key and chain, as an
	 * alternative to 'certificate' and 'private-key'.
	 */
	private @Nullable String keyStore;

	/**
	 * Password of the client key store and of its key entry.
	 */
	private @Nullable String keyStorePassword;

	/**
	 * Type of the client key store: PKCS12 or JKS.
	 */
	private String keyStoreType = "PKCS12";

	/**
	 * PEM files, or directories of PEM files, holding the CA certificates called servers
	 * must chain to; by default the server's trust material.
	 */
	private List<String> trust = new ArrayList<>();

	/**
	 * Location of a PKCS12 or JKS trust store for called servers, as an alternative to
	 * 'trust'.
	 */
	private @Nullable String trustStore;

	/**
	 * Password of the client trust store.
	 */
	private @Nullable String trustStorePassword;

	/**
	 * Type of the client trust store: PKCS12 or JKS.
	 */
	private String trustStoreType = "PKCS12";

	/**
	 * Directory of a mounted 'kubernetes.io/tls' secret holding the client's tls.crt and
	 * tls.key and optionally the ca.crt trusted for called servers.
	 */
	private @Nullable String secretDir;

	/**
	 * Whether to apply the outbound material to every RestClient.Builder,
	 * RestTemplateBuilder and WebClient.Builder that Spring Boot auto-configures, unless
	 * 'spring.http.clients.ssl.bundle' names another bundle.
	 */
	private boolean customizeBuilders = true;

	/**
	 * How long connections pooled before a rotation of the outbound material may still
	 * carry new requests; by default they do until the HTTP client closes them. Honoured
	 * by the JDK HttpClients of MtlsHttpClients and by Apache HttpClient 5 request
	 * factories the starter builds.
	 */
	private @Nullable Duration maxConnectionAgeAfterRotation;

	private final ServerIdentity serverIdentity = new ServerIdentity();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	@Override
	public @Nullable String getCertificate() {
		return this.certificate;
	}

	public void setCertificate(@Nullable String certificate) {
		this.certificate = certificate;
	}

	@Override
	public @Nullable String getPrivateKey() {
		return this.privateKey;
	}

	public void setPrivateKey(@Nullable String privateKey) {
		this.privateKey = privateKey;
	}

	@Override
	public @Nullable String getPrivateKeyPassword() {
		return this.privateKeyPassword;
	}

	public void setPrivateKeyPassword(@Nullable String privateKeyPassword) {
		this.privateKeyPassword = privateKeyPassword;
	}

	@Override
	public List<String> getTrust() {
		return this.trust;
	}

	public void setTrust(List<String> trust) {
		this.trust = trust;
	}

	@Override
	public @Nullable String getKeyStore() {
		return this.keyStore;
	}

	public void setKeyStore(@Nullable String keyStore) {
		this.keyStore = keyStore;
	}

	@Override
	public @Nullable String getKeyStorePassword() {
		return this.keyStorePassword;
	}

	public void setKeyStorePassword(@Nullable String keyStorePassword) {
		this.keyStorePassword = keyStorePassword;
	}

	@Override
	public String getKeyStoreType() {
		return this.keyStoreType;
	}

	public void setKeyStoreType(String keyStoreType) {
		this.keyStoreType = keyStoreType;
	}

	@Override
	public @Nullable String getTrustStore() {
		return this.trustStore;
	}

	public void setTrustStore(@Nullable String trustStore) {
		this.trustStore = trustStore;
	}

	@Override
	public @Nullable String getTrustStorePassword() {
		return this.trustStorePassword;
	}

	public void setTrustStorePassword(@Nullable String trustStorePassword) {
		this.trustStorePassword = trustStorePassword;
	}

	@Override
	public String getTrustStoreType() {
		return this.trustStoreType;
	}

	public void setTrustStoreType(String trustStoreType) {
		this.trustStoreType = trustStoreType;
	}

	@Override
	public @Nullable String getSecretDir() {
		return this.secretDir;
	}

	public void setSecretDir(@Nullable String secretDir) {
		this.secretDir = secretDir;
	}

	public boolean isCustomizeBuilders() {
		return this.customizeBuilders;
	}

	public void setCustomizeBuilders(boolean customizeBuilders) {
		this.customizeBuilders = customizeBuilders;
	}

	public @Nullable Duration getMaxConnectionAgeAfterRotation() {
		return this.maxConnectionAgeAfterRotation;
	}

	public void setMaxConnectionAgeAfterRotation(@Nullable Duration maxConnectionAgeAfterRotation) {
		this.maxConnectionAgeAfterRotation = maxConnectionAgeAfterRotation;
	}

	public ServerIdentity getServerIdentity() {
		return this.serverIdentity;
	}

	/**
	 * What a called server's certificate must show, beyond being valid for the host name;
	 * the keys and patterns of {@code mtls.authorization.rules}, all given must match.
	 */
	public static class ServerIdentity extends CertificateCriteria {

	}

}
