package io.mtls.boot.core.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Told about every client certificate chain the server's trust manager judges during a
 * TLS handshake.
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
	 * @param reason a stable reason code: {@code untrusted}, {@code expired},
	 * {@code not-yet-valid} or {@code eku}
	 * @param detail a human-readable explanation
	 */
	default void rejected(List<X509Certificate> chain, String reason, String detail) {
	}

}
