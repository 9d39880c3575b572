package io.mtls.boot.core.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;

/**
 * Told about every verdict on a called server's certificate during an outbound handshake.
 * Implementations must be fast and must not throw: they run inside the handshake.
 */
public interface ClientHandshakeListener {

	/** A listener that ignores everything. */
	ClientHandshakeListener NONE = new ClientHandshakeListener() {
	};

	/**
	 * Called when the called server's certificate was accepted.
	 * @param chain the chain the server sent, its certificate first
	 */
	default void accepted(List<X509Certificate> chain) {
	}

	/**
	 * Called when the called server's certificate was refused.
	 * @param chain the chain the server sent, its certificate first
	 * @param reason why
	 * @param detail what is wrong, for humans
	 */
	default void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
	}

}
