package io.mtls.boot.core.tls;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * Passes every verdict on to several listeners, in order.
 */
public final class CompositeClientCertificateListener implements ClientCertificateListener {

	private final List<ClientCertificateListener> listeners;

	/**
	 * Creates a listener that forwards to the given ones.
	 * @param listeners the listeners
	 */
	public CompositeClientCertificateListener(List<ClientCertificateListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void accepted(List<X509Certificate> chain) {
		this.listeners.forEach((listener) -> listener.accepted(chain));
	}

	@Override
	public void forwarded(List<X509Certificate> chain) {
		this.listeners.forEach((listener) -> listener.forwarded(chain));
	}

	@Override
	public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
		this.listeners.forEach((listener) -> listener.rejected(chain, reason, detail));
	}

	@Override
	public void authenticated(X509Certificate leaf, String principal) {
		for (ClientCertificateListener listener : this.listeners) {
			listener.authenticated(leaf, principal);
		}
	}

	@Override
	public void refused(@Nullable X509Certificate leaf, RejectionReason reason) {
		this.listeners.forEach((listener) -> listener.refused(leaf, reason));
	}

}
