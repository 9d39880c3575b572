package io.mtls.boot.core.inventory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * Where a certificate stands in its validity window.
 */
public enum ExpiryStatus {

	/** Valid, and not within the expiry warning window. */
	VALID,

	/** Valid, but expires within the expiry warning window. */
	EXPIRING,

	/** Past its notAfter. */
	EXPIRED,

	/** Before its notBefore. */
	NOT_YET_VALID;

	/**
	 * Classifies a certificate.
	 * @param certificate the certificate
	 * @param now the current instant
	 * @param warning how long before expiry a certificate counts as expiring
	 * @return the status
	 */
	public static ExpiryStatus of(X509Certificate certificate, Instant now, Duration warning) {
		Instant notAfter = certificate.getNotAfter().toInstant();
		if (now.isAfter(notAfter)) {
			return EXPIRED;
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			return NOT_YET_VALID;
		}
		return now.plus(warning).isAfter(notAfter) ? EXPIRING : VALID;
	}

	/**
	 * Returns whether a certificate in this status can be used now.
	 * @return {@code true} for {@link #VALID} and {@link #EXPIRING}
	 */
	public boolean isUsable() {
		return this == VALID || this == EXPIRING;
	}

}
