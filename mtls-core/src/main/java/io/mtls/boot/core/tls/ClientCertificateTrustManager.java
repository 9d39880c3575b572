package io.mtls.boot.core.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.identity.SpiffeId;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationVerdict;
import org.jspecify.annotations.Nullable;

/**
 * Verifies client certificate chains against a fixed set of CA certificates (paths built
 * and validated by {@link ClientChainValidator}), checks the validated path with the
 * {@link RevocationChecker}, then applies the {@link ClientCertificatePolicy}. Every
 * verdict is reported to a {@link ClientCertificateListener}, so rejections have a
 * visible reason.
 */
public final class ClientCertificateTrustManager extends OneSidedTrustManager {

	private final ClientChainValidator validator;

	private final X509Certificate[] acceptedIssuers;

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	private final RevocationChecker revocation;

	private final Clock clock;

	private final ChainVerdictCache verdicts;

	/**
	 * Creates a trust manager.
	 * @param trustedCertificates the CA certificates client chains must end at
	 * @param policy the policy a valid chain must also satisfy
	 * @param listener told about every verdict
	 * @param clock the clock validity is checked against
	 */
	public ClientCertificateTrustManager(List<X509Certificate> trustedCertificates, ClientCertificatePolicy policy,
			ClientCertificateListener listener, Clock clock) {
		this(trustedCertificates, policy, listener, clock, RevocationChecker.disabled());
	}

	/**
	 * Creates a trust manager that also checks revocation.
	 * @param trustedCertificates the CA certificates client chains must end at
	 * @param policy the policy a valid chain must also satisfy
	 * @param listener told about every verdict
	 * @param clock the clock validity is checked against
	 * @param revocation checks validated paths for revocation and the deny-list
	 */
	public ClientCertificateTrustManager(List<X509Certificate> trustedCertificates, ClientCertificatePolicy policy,
			ClientCertificateListener listener, Clock clock, RevocationChecker revocation) {
		this(trustedCertificates, policy, listener, clock, revocation, new ChainVerdictCache(0));
	}

	/**
	 * Creates a trust manager that checks revocation and remembers the chains it
	 * admitted.
	 * @param trustedCertificates the CA certificates client chains must end at
	 * @param policy the policy a valid chain must also satisfy
	 * @param listener told about every verdict, remembered or not
	 * @param clock the clock validity is checked against
	 * @param revocation checks validated paths for revocation and the deny-list
	 * @param verdicts remembers admitted chains; its own to this trust manager
	 */
	public ClientCertificateTrustManager(List<X509Certificate> trustedCertificates, ClientCertificatePolicy policy,
			ClientCertificateListener listener, Clock clock, RevocationChecker revocation, ChainVerdictCache verdicts) {
		super(true);
		this.revocation = revocation;
		this.clock = clock;
		this.verdicts = verdicts;
		this.validator = new ClientChainValidator(trustedCertificates, policy.validation(), clock);
		this.acceptedIssuers = trustedCertificates.toArray(X509Certificate[]::new);
		this.policy = policy;
		this.listener = listener;
	}

	@Override
	void verifyPeer(X509Certificate[] chain, String authType, @Nullable Socket socket, @Nullable SSLEngine engine)
			throws CertificateException {
		verify(chain);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.acceptedIssuers.clone();
	}

	private void verify(X509Certificate[] chain) throws CertificateException {
		List<X509Certificate> certificates = List.of(chain);
		if (!this.verdicts.isEnabled()) {
			report(certificates, judge(certificates).orElse(null));
			return;
		}
		ChainVerdictCache.Key key = ChainVerdictCache.keyOf(certificates);
		// read before judging, so a revocation update during the judgement drops the
		// entry
		long generation = this.revocation.generation();
		if (this.verdicts.isAdmitted(key, generation, this.clock.instant())) {
			this.listener.accepted(certificates);
			return;
		}
		Verdict verdict = assess(certificates);
		if (verdict.rememberUntil() != null) {
			this.verdicts.admit(key, generation, verdict.rememberUntil());
		}
		report(certificates, verdict.rejection());
	}

	private void report(List<X509Certificate> certificates, @Nullable Rejection rejection) throws CertificateException {
		if (rejection != null) {
			this.listener.rejected(certificates, rejection.reason(), rejection.detail());
			throw new CertificateException(rejection.detail());
		}
		this.listener.accepted(certificates);
	}

	/**
	 * Judges a chain without reporting the verdict to the listener.
	 * @param chain the chain, leaf first
	 * @return why it is refused, or empty when it is acceptable
	 */
	public Optional<Rejection> judge(List<X509Certificate> chain) {
		return Optional.ofNullable(assess(chain).rejection());
	}

	private Verdict assess(List<X509Certificate> chain) {
		List<X509Certificate> path;
		try {
			path = this.validator.validate(chain);
		}
		catch (ChainRejectedException ex) {
			String subject = chain.isEmpty() ? ""
					: "client certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' rejected: ";
			return Verdict.refused(new Rejection(ex.reason(), subject + ex.getMessage()));
		}
		RevocationChecker.Assessment revocation = this.revocation.assess(path);
		if (revocation.refusal() != null) {
			return Verdict.refused(new Rejection(revocation.refusal().reason(), revocation.refusal().detail()));
		}
		X509Certificate leaf = chain.get(0);
		if (this.policy.requireClientAuthExtendedKeyUsage() && !ClientIdentity.permitsClientAuthentication(leaf)) {
			return Verdict.refused(
					new Rejection(RejectionReason.EKU, "client certificate '" + leaf.getSubjectX500Principal().getName()
							+ "' rejected: its extended key usage does not include clientAuth"));
		}
		Rejection outsideTrustDomains = trustDomainRejection(chain);
		if (outsideTrustDomains != null) {
			return Verdict.refused(outsideTrustDomains);
		}
		Instant until = revocation.rememberUntil();
		for (X509Certificate certificate : path) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			until = (until != null && notAfter.isBefore(until)) ? notAfter : until;
		}
		return new Verdict(null, until);
	}

	private @Nullable Rejection trustDomainRejection(List<X509Certificate> chain) {
		Set<String> accepted = this.policy.acceptedTrustDomains();
		if (accepted.isEmpty()) {
			return null;
		}
		String subject = "client certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' rejected: ";
		Optional<SpiffeId> spiffeId;
		try {
			spiffeId = ClientIdentity.of(chain).spiffeId();
		}
		catch (ClientIdentityException ex) {
			return new Rejection(RejectionReason.TRUST_DOMAIN,
					subject + "its SPIFFE ID cannot be read (" + ex.getMessage() + ")");
		}
		if (spiffeId.isEmpty()) {
			return new Rejection(RejectionReason.TRUST_DOMAIN,
					subject + "it has no SPIFFE ID, and mtls.spiffe.accept.trust-domains " + sorted(accepted)
							+ " requires one");
		}
		if (!accepted.contains(spiffeId.get().trustDomain())) {
			return new Rejection(RejectionReason.TRUST_DOMAIN, subject + "its SPIFFE ID '" + spiffeId.get()
					+ "' is not in a trust domain of mtls.spiffe.accept.trust-domains " + sorted(accepted));
		}
		return null;
	}

	private static List<String> sorted(Set<String> trustDomains) {
		return trustDomains.stream().sorted().toList();
	}

	/**
	 * A judgement: the refusal, or an admission and how long it may be remembered.
	 */
	private record Verdict(@Nullable Rejection rejection, @Nullable Instant rememberUntil) {

		static Verdict refused(Rejection rejection) {
			return new Verdict(rejection, null);
		}

	}

	/**
	 * Why a chain is refused.
	 *
	 * @param reason the reason
	 * @param detail what is wrong, for humans
	 */
	public record Rejection(RejectionReason reason, String detail) {
	}

	@Override
	public String toString() {
		return "ClientCertificateTrustManager" + Arrays.stream(this.acceptedIssuers)
			.map((certificate) -> certificate.getSubjectX500Principal().getName())
			.toList();
	}

}
