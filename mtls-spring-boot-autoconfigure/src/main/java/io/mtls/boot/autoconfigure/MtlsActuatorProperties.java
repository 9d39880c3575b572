package io.mtls.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the actuator endpoint, health and metrics
 * ({@code mtls.actuator.*}). Bound by {@link MtlsActuatorAutoConfiguration}. Unknown keys
 * are refused by {@link UnknownMtlsKeysCheck} rather than by strict binding, so that
 * lists override as in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls.actuator")
public class MtlsActuatorProperties {

	/**
	 * How long before expiry a server, trust or client certificate counts as expiring.
	 */
	private Duration expiryWarning = Duration.ofDays(30);

	/**
	 * Maximum number of recently seen client certificates kept for the endpoint and the
	 * client expiry metrics.
	 */
	private int clientInventorySize = 100;

	/**
	 * How long before a CRL's nextUpdate the health contributor warns that it is due.
	 */
	private Duration crlWarning = Duration.ofHours(1);

	public Duration getCrlWarning() {
		return this.crlWarning;
	}

	public void setCrlWarning(Duration crlWarning) {
		this.crlWarning = crlWarning;
	}

	public Duration getExpiryWarning() {
		return this.expiryWarning;
	}

	public void setExpiryWarning(Duration expiryWarning) {
		this.expiryWarning = expiryWarning;
	}

	public int getClientInventorySize() {
		return this.clientInventorySize;
	}

	public void setClientInventorySize(int clientInventorySize) {
		this.clientInventorySize = clientInventorySize;
	}

}
