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
import java.util.Set;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentity;

/**
 * Verifies client certificate chains against a fixed set of CA certificates with PKIX (no
 * revocation yet), then applies the {@link ClientCertificatePolicy}. Every verdict is
 * reported to a {@link ClientCertificateListener}, so rejections have a visible reason.
 */
public final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

	private final Set<TrustAnchor> anchors;

	private final X509Certificate[] acceptedIssuers;

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	private final Clock clock;

	/**
	 * Creates a trust manager.
	 * @param trustedCertificates the CA certificates client chains must end at
	 * @param policy the policy a valid chain must also satisfy
	 * @param listener told about every verdict
	 * @param clock the clock validity is checked against
	 */
	public ClientCertificateTrustManager(List<X509Certificate> trustedCertificates, ClientCertificatePolicy policy,
			ClientCertificateListener listener, Clock clock) {
		Set<TrustAnchor> trustAnchors = new LinkedHashSet<>();
		trustedCertificates.forEach((certificate) -> trustAnchors.add(new TrustAnchor(certificate, null)));
		this.anchors = Set.copyOf(trustAnchors);
		this.acceptedIssuers = trustedCertificates.toArray(X509Certificate[]::new);
		this.policy = policy;
		this.listener = listener;
		this.clock = clock;
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
		Rejection rejection = judge(certificates);
		if (rejection != null) {
			this.listener.rejected(certificates, rejection.reason(), rejection.detail());
			throw new CertificateException(rejection.detail());
		}
		this.listener.accepted(certificates);
	}

	/**
	 * Returns {@code null} when the chain is acceptable, else why it is not.
	 */
	private Rejection judge(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			return new Rejection(RejectionReason.UNTRUSTED, "the client sent an empty certificate chain");
		}
		X509Certificate leaf = chain.get(0);
		String subject = leaf.getSubjectX500Principal().getName();
		try {
			validatePath(chain);
		}
		catch (CertPathValidatorException ex) {
			return new Rejection(reason(ex), "client certificate '" + subject + "' rejected: " + ex.getMessage());
		}
		catch (GeneralSecurityException ex) {
			return new Rejection(RejectionReason.UNTRUSTED,
					"client certificate '" + subject + "' rejected: " + ex.getMessage());
		}
		if (this.policy.requireClientAuthExtendedKeyUsage() && !ClientIdentity.permitsClientAuthentication(leaf)) {
			return new Rejection(RejectionReason.EKU, "client certificate '" + subject
					+ "' rejected: its extended key usage does not include clientAuth");
		}
		return null;
	}

	private void validatePath(List<X509Certificate> chain) throws GeneralSecurityException {
		List<X509Certificate> path = new ArrayList<>(chain);
		// clients may send the root too; PKIX wants the path without its trust anchor
		while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
			path.remove(path.size() - 1);
		}
		PKIXParameters parameters;
		try {
			parameters = new PKIXParameters(this.anchors);
		}
		catch (InvalidAlgorithmParameterException ex) {
			throw new CertPathValidatorException("no trusted CA certificates are configured", ex, null, -1,
					BasicReason.UNSPECIFIED);
		}
		parameters.setRevocationEnabled(false);
		parameters.setDate(Date.from(this.clock.instant()));
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
	}

	private boolean isAnchor(X509Certificate certificate) {
		return this.anchors.stream().anyMatch((anchor) -> anchor.getTrustedCert().equals(certificate));
	}

	private static RejectionReason reason(CertPathValidatorException ex) {
		if (ex.getReason() == BasicReason.EXPIRED) {
			return RejectionReason.EXPIRED;
		}
		if (ex.getReason() == BasicReason.NOT_YET_VALID) {
			return RejectionReason.NOT_YET_VALID;
		}
		return RejectionReason.UNTRUSTED;
	}

	private static CertificateException serverSideOnly() {
		return new CertificateException("This trust manager verifies clients only");
	}

	private record Rejection(RejectionReason reason, String detail) {
	}

	@Override
	public String toString() {
		return "ClientCertificateTrustManager" + Arrays.stream(this.acceptedIssuers)
			.map((certificate) -> certificate.getSubjectX500Principal().getName())
			.toList();
	}

}
