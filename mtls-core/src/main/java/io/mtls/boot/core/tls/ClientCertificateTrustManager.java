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
 * Verifies client certificate chains against a fixed set of CA certificates (paths built
 * and validated by {@link ClientChainValidator}; no revocation yet), then applies the
 * {@link ClientCertificatePolicy}. Every verdict is reported to a
 * {@link ClientCertificateListener}, so rejections have a visible reason.
 */
public final class ClientCertificateTrustManager extends X509ExtendedTrustManager {

	private final ClientChainValidator validator;

	private final X509Certificate[] acceptedIssuers;

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	/**
	 * Creates a trust manager.
	 * @param trustedCertificates the CA certificates client chains must end at
	 * @param policy the policy a valid chain must also satisfy
	 * @param listener told about every verdict
	 * @param clock the clock validity is checked against
	 */
	public ClientCertificateTrustManager(List<X509Certificate> trustedCertificates, ClientCertificatePolicy policy,
			ClientCertificateListener listener, Clock clock) {
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
		try {
			this.validator.validate(chain);
		}
		catch (ChainRejectedException ex) {
			String subject = chain.isEmpty() ? ""
					: "client certificate '" + chain.get(0).getSubjectX500Principal().getName() + "' rejected: ";
			return new Rejection(ex.reason(), subject + ex.getMessage());
		}
		X509Certificate leaf = chain.get(0);
		if (this.policy.requireClientAuthExtendedKeyUsage() && !ClientIdentity.permitsClientAuthentication(leaf)) {
			return new Rejection(RejectionReason.EKU, "client certificate '" + leaf.getSubjectX500Principal().getName()
					+ "' rejected: its extended key usage does not include clientAuth");
		}
		return null;
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
