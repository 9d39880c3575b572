package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.TrustMaterial;
import org.jspecify.annotations.Nullable;

/**
 * Builds a client's certificate path from the certificates it sent and validates it, as
 * RFC 8446 §4.4.2 asks of a TLS peer: after the leaf, the client's certificates are an
 * unordered pool in which extra, unrelated or alternative certificates are allowed.
 * <p>
 * From the leaf, each step looks for an issuer by name, trusted CAs first, then the pool;
 * a candidate whose subject key identifier contradicts the authority key identifier is
 * skipped. Each complete candidate path is validated with the JDK's PKIX validator plus
 * {@link ChainProfileChecker}; when it fails, the search backtracks to the next
 * candidate. The work is bounded: at most {@value #MAX_PRESENTED} certificates from the
 * client, {@value #MAX_ATTEMPTS} validated paths and {@value #MAX_STEPS} issuer look-ups
 * per chain. When no path validates, the first failure is reported.
 * <p>
 * A self-signed trusted root is validated as part of the path, under itself, so its own
 * validity, key usage, basic constraints, name constraints and critical extensions count.
 * A trusted CA that is not self-signed (the trust holds only the issuing CA) is an anchor
 * whose validity, CA flag, key usage and critical extensions are checked here and whose
 * name constraints apply to the path below it.
 */
public final class ClientChainValidator {

	/** Most certificates a client may send: the JDK's own default for client chains. */
	public static final int MAX_PRESENTED = 10;

	/** Most candidate paths validated for one chain. */
	public static final int MAX_ATTEMPTS = 8;

	/** Most issuer look-ups for one chain, so crafted same-name pools stay cheap. */
	private static final int MAX_STEPS = 64;

	private final Map<X500Principal, List<Anchor>> anchorsBySubject = new HashMap<>();

	private final ChainValidation validation;

	private final Clock clock;

	/**
	 * Creates a validator.
	 * @param trustedCertificates the CA certificates client chains must lead to
	 * @param validation which rules beyond RFC 5280's MUSTs apply
	 * @param clock the clock validity is checked against
	 */
	public ClientChainValidator(List<X509Certificate> trustedCertificates, ChainValidation validation, Clock clock) {
		for (X509Certificate certificate : trustedCertificates) {
			this.anchorsBySubject.computeIfAbsent(certificate.getSubjectX500Principal(), (subject) -> new ArrayList<>())
				.add(new Anchor(certificate, isSelfSigned(certificate)));
		}
		this.validation = validation;
		this.clock = clock;
	}

	/**
	 * Finds and validates a path from the chain's leaf to a trusted CA.
	 * @param presented the certificates the client sent, leaf first
	 * @return the validated path, leaf first, ending with the trusted CA's certificate
	 * @throws ChainRejectedException when no valid path exists, with the reason of the
	 * first failure
	 */
	public List<X509Certificate> validate(List<X509Certificate> presented) throws ChainRejectedException {
		if (presented.isEmpty()) {
			throw new ChainRejectedException(RejectionReason.UNTRUSTED, "the client sent an empty certificate chain");
		}
		if (presented.size() > MAX_PRESENTED) {
			throw new ChainRejectedException(RejectionReason.UNTRUSTED, "the client sent " + presented.size()
					+ " certificates; at most " + MAX_PRESENTED + " are accepted");
		}
		Search search = new Search(presented.subList(1, presented.size()));
		List<X509Certificate> path = new ArrayList<>(List.of(presented.get(0)));
		List<X509Certificate> valid = search.extend(path);
		if (valid != null) {
			return valid;
		}
		if (search.firstFailure != null) {
			throw search.firstFailure;
		}
		throw new ChainRejectedException(RejectionReason.UNTRUSTED,
				"no path from the client certificate to a trusted CA: its issuer '"
						+ presented.get(0).getIssuerX500Principal().getName()
						+ "' is neither trusted nor among the certificates it sent");
	}

	/**
	 * Returns the trusted CA certificates.
	 * @return the certificates, in no particular order
	 */
	public List<X509Certificate> trustedCertificates() {
		return this.anchorsBySubject.values().stream().flatMap(List::stream).map(Anchor::certificate).toList();
	}

	private boolean isAnchor(X509Certificate certificate) {
		return this.anchorsBySubject.getOrDefault(certificate.getSubjectX500Principal(), List.of())
			.stream()
			.anyMatch((anchor) -> anchor.certificate().equals(certificate));
	}

	private List<X509Certificate> validatePath(List<X509Certificate> path, Anchor anchor)
			throws ChainRejectedException {
		List<X509Certificate> certificates = new ArrayList<>(path);
		X509Certificate last = path.get(path.size() - 1);
		if (anchor.selfSigned() && !last.equals(anchor.certificate())) {
			// validate the root under itself so its own constraints and validity count
			certificates.add(anchor.certificate());
		}
		Date now = Date.from(this.clock.instant());
		byte[] anchorNameConstraints = null;
		if (!anchor.selfSigned()) {
			TrustMaterial.AnchorProblem problem = TrustMaterial.problem(anchor.certificate(), now.toInstant());
			if (problem != null) {
				throw new ChainRejectedException(problem.reason(), problem.detail());
			}
			anchorNameConstraints = anchor.certificate().getExtensionValue(ChainProfileChecker.NAME_CONSTRAINTS);
		}
		try {
			PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor.certificate(), null)));
			parameters.setRevocationEnabled(false);
			parameters.setDate(now);
			ChainProfileChecker.checkNamesUnderConstraints(certificates, anchorNameConstraints != null);
			parameters.addCertPathChecker(
					new ChainProfileChecker(certificates.size(), anchorNameConstraints, this.validation));
			CertPathValidator.getInstance("PKIX")
				.validate(CertificateFactory.getInstance("X.509").generateCertPath(certificates), parameters);
		}
		catch (CertPathValidatorException ex) {
			throw new ChainRejectedException(reason(ex), describe(ex));
		}
		catch (GeneralSecurityException ex) {
			throw new ChainRejectedException(RejectionReason.UNTRUSTED, ex.getMessage());
		}
		if (!last.equals(anchor.certificate())) {
			List<X509Certificate> full = new ArrayList<>(path);
			full.add(anchor.certificate());
			return List.copyOf(full);
		}
		return List.copyOf(path);
	}

	private static RejectionReason reason(CertPathValidatorException ex) {
		if (ex.getReason() instanceof ChainProfileChecker.Refusal refusal) {
			return refusal.reason();
		}
		if (ex.getReason() == BasicReason.EXPIRED) {
			return RejectionReason.EXPIRED;
		}
		if (ex.getReason() == BasicReason.NOT_YET_VALID) {
			return RejectionReason.NOT_YET_VALID;
		}
		if (ex.getReason() == PKIXReason.INVALID_NAME) {
			return RejectionReason.NAME_CONSTRAINTS;
		}
		if (ex.getReason() == PKIXReason.UNRECOGNIZED_CRIT_EXT) {
			return RejectionReason.CRITICAL_EXTENSION;
		}
		return RejectionReason.UNTRUSTED;
	}

	private static @Nullable String describe(CertPathValidatorException ex) {
		if (ex.getCertPath() != null && ex.getIndex() >= 0
				&& ex.getIndex() < ex.getCertPath().getCertificates().size()) {
			X509Certificate at = (X509Certificate) ex.getCertPath().getCertificates().get(ex.getIndex());
			return ex.getMessage() + " (at '" + at.getSubjectX500Principal().getName() + "')";
		}
		return ex.getMessage();
	}

	private static boolean isSelfSigned(X509Certificate certificate) {
		if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(certificate.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * Whether the candidate's subject key identifier does not contradict the child's
	 * authority key identifier; either may be absent.
	 */
	private static boolean mayHaveIssued(X509Certificate candidate, X509Certificate child) {
		byte[] authorityKeyId = ChainProfileChecker.authorityKeyIdentifier(child);
		byte[] subjectKeyId = ChainProfileChecker.subjectKeyIdentifier(candidate);
		return authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId);
	}

	private record Anchor(X509Certificate certificate, boolean selfSigned) {
	}

	/**
	 * One depth-first search over candidate issuers, counting validated paths.
	 */
	private final class Search {

		private final List<X509Certificate> pool;

		private int attempts;

		private int steps;

		private @Nullable ChainRejectedException firstFailure;

		Search(List<X509Certificate> pool) {
			this.pool = pool;
		}

		@Nullable List<X509Certificate> extend(List<X509Certificate> path) {
			if (++this.steps > MAX_STEPS) {
				return null;
			}
			X509Certificate current = path.get(path.size() - 1);
			X500Principal issuer = current.getIssuerX500Principal();
			for (Anchor anchor : anchorsBySubject.getOrDefault(issuer, List.of())) {
				if (this.attempts >= MAX_ATTEMPTS) {
					return null;
				}
				if (mayHaveIssued(anchor.certificate(), current)) {
					this.attempts++;
					try {
						return validatePath(path, anchor);
					}
					catch (ChainRejectedException ex) {
						if (this.firstFailure == null) {
							this.firstFailure = ex;
						}
					}
				}
			}
			if (path.size() >= MAX_PRESENTED) {
				return null;
			}
			for (X509Certificate candidate : this.pool) {
				if (candidate.getSubjectX500Principal().equals(issuer) && !path.contains(candidate)
						&& !isAnchor(candidate) && mayHaveIssued(candidate, current)) {
					path.add(candidate);
					List<X509Certificate> valid = extend(path);
					if (valid != null) {
						return valid;
					}
					path.remove(path.size() - 1);
				}
			}
			return null;
		}

	}

}
