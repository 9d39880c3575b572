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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.identity.SpiffeId;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationVerdict;

/**
 * Verifies client certificate chains against a fixed set of CA certificates (paths built
 * and validated by {@link ClientChainValidator}), checks the validated path with the
 * {@link RevocationChecker}, then applies the {@link ClientCertificatePolicy}. Every
 * verdict is reported to a {@link ClientCertificateListener}, so rejections have a
 * visible reason.
 */
public final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

	private final ClientChainValidator validator;

	private final X509Certificate[] acceptedIssuers;

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	private final RevocationChecker revocation;

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
		this.revocation = revocation;
		this.validator = new ClientChainValidator(trustedCertificates, policy.validation(), clock);
		this.acceptedIssuers = trustedCertificates.toArray(X509Certificate[]::new);
		this.policy = policy;
		this.listener = listener;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		verify(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		verify(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		verify(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw serverSideOnly();
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw serverSideOnly();
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw serverSideOnly();
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.acceptedIssuers.clone();
	}

	private void verify(X509Certificate[] chain) throws CertificateException {
		List<X509Certificate> certificates = List.of(chain);
		Rejection rejection = judge(certificates).orElse(null);
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
		List<X509Certificate> path;
		try {
			path = this.validator.validate(chain);
		}
		catch (ChainRejectedException ex) {
			String subject = chain.isEmpty() ? ""
					: "client certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' rejected: ";
			return Optional.of(new Rejection(ex.reason(), subject + ex.getMessage()));
		}
		RevocationVerdict revoked = this.revocation.check(path);
		if (revoked != null) {
			return Optional.of(new Rejection(revoked.reason(), revoked.detail()));
		}
		X509Certificate leaf = chain.get(0);
		if (this.policy.requireClientAuthExtendedKeyUsage() && !ClientIdentity.permitsClientAuthentication(leaf)) {
			return Optional
				.of(new Rejection(RejectionReason.EKU, "client certificate '" + leaf.getSubjectX500Principal().getName()
						+ "' rejected: its extended key usage does not include clientAuth"));
		}
		return trustDomainRejection(chain);
	}

	private Optional<Rejection> trustDomainRejection(List<X509Certificate> chain) {
		Set<String> accepted = this.policy.acceptedTrustDomains();
		if (accepted.isEmpty()) {
			return Optional.empty();
		}
		String subject = "client certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' rejected: ";
		Optional<SpiffeId> spiffeId;
		try {
			spiffeId = ClientIdentity.of(chain).spiffeId();
		}
		catch (ClientIdentityException ex) {
			return Optional.of(new Rejection(RejectionReason.TRUST_DOMAIN,
					subject + "its SPIFFE ID cannot be read (" + ex.getMessage() + ")"));
		}
		if (spiffeId.isEmpty()) {
			return Optional.of(new Rejection(RejectionReason.TRUST_DOMAIN,
					subject + "it has no SPIFFE ID, and mtls.spiffe.accept.trust-domains " + sorted(accepted)
							+ " requires one"));
		}
		if (!accepted.contains(spiffeId.get().trustDomain())) {
			return Optional.of(new Rejection(RejectionReason.TRUST_DOMAIN, subject + "its SPIFFE ID '" + spiffeId.get()
					+ "' is not in a trust domain of mtls.spiffe.accept.trust-domains " + sorted(accepted)));
		}
		return Optional.empty();
	}

	private static List<String> sorted(Set<String> trustDomains) {
		return trustDomains.stream().sorted().toList();
	}

	private static CertificateException serverSideOnly() {
		return new CertificateException("This trust manager verifies clients only");
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
