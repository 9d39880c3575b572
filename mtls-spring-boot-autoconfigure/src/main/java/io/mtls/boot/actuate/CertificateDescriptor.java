package io.mtls.boot.actuate;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What the {@code mtls} endpoint shows of a certificate.
 *
 * @param subject the subject DN
 * @param issuer the issuer DN
 * @param serialNumber the serial number in hex
 * @param subjectAlternativeNames the SANs, as {@code type:value}
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record CertificateDescriptor(String subject, String issuer, String serialNumber,
		List<String> subjectAlternativeNames, Instant notBefore, Instant notAfter) {

	private static final String[] SAN_TYPES = { "other", "email", "dns", "x400", "directory", "edi", "uri", "ip",
			"registered-id" };

	/**
	 * Describes a certificate.
	 * @param certificate the certificate
	 * @return the descriptor
	 */
	public static CertificateDescriptor of(X509Certificate certificate) {
		return new CertificateDescriptor(certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
				subjectAlternativeNames(certificate), certificate.getNotBefore().toInstant(),
				certificate.getNotAfter().toInstant());
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
