package io.mtls.boot.core.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * Told about every client certificate verdict: by the server's trust manager during the
 * TLS handshake, and by the authentication layer for each request.
 */
public interface ClientCertificateListener {

	/**
	 * Called when a client certificate chain is accepted.
	 * @param chain the chain, leaf first
	 */
	default void accepted(List<X509Certificate> chain) {
	}

	/**
	 * Called when a client certificate chain is rejected and the handshake fails.
	 * @param chain the chain, leaf first
	 * @param reason why, one of the {@link RejectionReason.Stage#HANDSHAKE handshake}
	 * reasons
	 * @param detail a human-readable explanation
	 */
	default void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
	}

	/**
	 * Called when a client certificate chain forwarded by a trusted proxy passes the same
	 * checks as a handshake (it reached this server without a handshake of its own).
	 * @param chain the chain, leaf first
	 */
	default void forwarded(List<X509Certificate> chain) {
	}

	/**
	 * Called for each request authenticated by a client certificate.
	 * @param leaf the client certificate
	 * @param principal the principal name it authenticated as
	 */
	default void authenticated(X509Certificate leaf, String principal) {
	}

	/**
	 * Called for each request refused after the handshake: not authenticated, or
	 * forbidden.
	 * @param leaf the client certificate, or {@code null} when none was presented
	 * @param reason why, such as {@link RejectionReason#NO_CERTIFICATE},
	 * {@link RejectionReason#AMBIGUOUS_COMMON_NAME} or {@link RejectionReason#FORBIDDEN}
	 */
	default void refused(@Nullable X509Certificate leaf, RejectionReason reason) {
	}

}
