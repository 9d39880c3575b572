package io.mtls.boot.actuate;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.inventory.ExpiryStatus;

/**
 * What the {@code mtls} endpoint shows of a certificate.
 *
 * @param subject the subject DN
 * @param issuer the issuer DN
 * @param serialNumber the serial number in hex
 * @param sha256Fingerprint the SHA-256 fingerprint of the DER encoding, in hex
 * @param subjectAlternativeNames the SANs, as {@code type:value}
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param daysLeft whole days until notAfter (negative once expired)
 * @param status where the certificate stands in its validity window
 */
public record CertificateDescriptor(String subject, String issuer, String serialNumber, String sha256Fingerprint,
		List<String> subjectAlternativeNames, Instant notBefore, Instant notAfter, long daysLeft, ExpiryStatus status) {

	private static final String[] SAN_TYPES = { "other", "email", "dns", "x400", "directory", "edi", "uri", "ip",
			"registered-id" };

	/**
	 * Describes a certificate.
	 * @param certificate the certificate
	 * @param now the current instant
	 * @param expiryWarning how long before expiry a certificate counts as expiring
	 * @return the descriptor
	 */
	public static CertificateDescriptor of(X509Certificate certificate, Instant now, Duration expiryWarning) {
		Instant notAfter = certificate.getNotAfter().toInstant();
		return new CertificateDescriptor(certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
				ClientIdentity.sha256Fingerprint(certificate), subjectAlternativeNames(certificate),
				certificate.getNotBefore().toInstant(), notAfter,
				Math.floorDiv(Duration.between(now, notAfter).toSeconds(), 86_400),
				ExpiryStatus.of(certificate, now, expiryWarning));
	}

	private static List<String> subjectAlternativeNames(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
			if (sans != null) {
				for (List<?> san : sans) {
					Object value = san.get(1);
					names.add(SAN_TYPES[(Integer) san.get(0)] + ":" + ((value instanceof String) ? value : "(binary)"));
				}
			}
		}
		catch (CertificateParsingException ex) {
			names.add("(unreadable)");
		}
		return names;
	}

}
