package io.mtls.boot.core;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The CA certificates that client certificates are verified against, and where they came
 * from.
 *
 * @param certificates the trusted certificates
 * @param source where they were loaded from
 */
public record TrustMaterial(List<X509Certificate> certificates, MaterialSource source) {

	// extensions the JDK's PKIX validator processes; any other critical one is unknown
	private static final Set<String> KNOWN_EXTENSIONS = Set.of("2.5.29.14", "2.5.29.15", "2.5.29.17", "2.5.29.18",
			"2.5.29.19", "2.5.29.30", "2.5.29.32", "2.5.29.33", "2.5.29.35", "2.5.29.36", "2.5.29.37", "2.5.29.54");

	private static final int KEY_CERT_SIGN = 5;

	/**
	 * Creates trust material, copying the certificates.
	 */
	public TrustMaterial {
		certificates = List.copyOf(certificates);
	}

	/**
	 * Returns the trusted certificates that cannot anchor any client path at the given
	 * instant, each with the reason.
	 * @param now the instant to judge validity at
	 * @return the unusable certificates and why, in trust order
	 */
	public Map<X509Certificate, AnchorProblem> unusable(Instant now) {
		Map<X509Certificate, AnchorProblem> unusable = new LinkedHashMap<>();
		for (X509Certificate certificate : this.certificates) {
			AnchorProblem problem = problem(certificate, now);
			if (problem != null) {
				unusable.put(certificate, problem);
			}
		}
		return unusable;
	}

	/**
	 * Returns why a trusted certificate cannot anchor a client path now: not valid now,
	 * not a CA, no keyCertSign in its key usage, or an unknown critical extension.
	 * @param certificate the trusted certificate
	 * @param now the instant to judge validity at
	 * @return the problem, or {@code null} when it can anchor paths
	 */
	public static @Nullable AnchorProblem problem(X509Certificate certificate, Instant now) {
		String name = "the trusted CA certificate '" + certificate.getSubjectX500Principal().getName() + "'";
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			return new AnchorProblem(RejectionReason.EXPIRED,
					name + " expired on " + certificate.getNotAfter().toInstant());
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			return new AnchorProblem(RejectionReason.NOT_YET_VALID,
					name + " is not valid before " + certificate.getNotBefore().toInstant());
		}
		if (certificate.getBasicConstraints() < 0) {
			return new AnchorProblem(RejectionReason.UNTRUSTED, name + " is not a CA certificate");
		}
		boolean[] keyUsage = certificate.getKeyUsage();
		if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
			return new AnchorProblem(RejectionReason.UNTRUSTED, name + " has a key usage without keyCertSign");
		}
		Set<String> critical = certificate.getCriticalExtensionOIDs();
		if (critical != null && !KNOWN_EXTENSIONS.containsAll(critical)) {
			return new AnchorProblem(RejectionReason.CRITICAL_EXTENSION, name + " has an unknown critical extension "
					+ critical.stream().filter((oid) -> !KNOWN_EXTENSIONS.contains(oid)).sorted().toList());
		}
		return null;
	}

	/**
	 * Why a trusted certificate cannot anchor a client path.
	 *
	 * @param reason the reason a client chain ending there is refused with
	 * @param detail what is wrong, for humans
	 */
	public record AnchorProblem(RejectionReason reason, String detail) {
	}

}
