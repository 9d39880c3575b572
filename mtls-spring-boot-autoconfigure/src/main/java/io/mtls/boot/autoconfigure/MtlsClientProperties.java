package io.mtls.boot.autoconfigure;

import java.time.Duration;

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
public class MtlsClientProperties extends MaterialProperties {

	/**
	 * Whether outbound calls present this service's certificate and verify the called
	 * server with the mTLS material; on by default whenever server material exists.
	 */
	private boolean enabled = true;

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
