package io.mtls.boot.core.revocation;

import java.security.cert.X509Certificate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Asks an OCSP responder for a certificate's status.
 */
public interface OcspClient {

	/**
	 * Returns the certificate's status.
	 * @param certificate the certificate
	 * @param issuer the certificate of its issuer, or {@code null} if unknown (then only
	 * cached answers count)
	 * @param lookup whether to ask the responder when the cache has no fresh answer;
	 * without, an uncached certificate is {@link OcspStatus#notCovered() not covered}
	 * @return the status
	 */
	OcspStatus status(X509Certificate certificate, @Nullable X509Certificate issuer, boolean lookup);

	/**
	 * Returns counters of the cache and the lookups, for the actuator endpoint.
	 * @return the statistics
	 */
	default Map<String, Long> statistics() {
		return Map.of();
	}

	/**
	 * An OCSP answer.
	 *
	 * @param outcome {@code good}, {@code revoked}, {@code unknown} or
	 * {@code not-covered} (no responder for this certificate, or nothing cached)
	 * @param detail why, for log lines
	 */
	record OcspStatus(String outcome, String detail) {

		/**
		 * The certificate is good.
		 * @return the status
		 */
		public static OcspStatus good() {
			return new OcspStatus("good", "good");
		}

		/**
		 * No responder covers the certificate.
		 * @return the status
		 */
		public static OcspStatus notCovered() {
			return new OcspStatus("not-covered", "no OCSP answer");
		}

	}

}
