package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.tls.ClientCertificateListener;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the {@link ClientCertificateInventory} up to date with every handshake and
 * request verdict.
 */
public class InventoryRecorder implements ClientCertificateListener {

	private final ClientCertificateInventory inventory;

	/**
	 * Creates a recorder.
	 * @param inventory the inventory to record into
	 */
	public InventoryRecorder(ClientCertificateInventory inventory) {
		this.inventory = inventory;
	}

	@Override
	public void accepted(List<X509Certificate> chain) {
		this.inventory.accepted(chain.get(0));
	}

	@Override
	public void forwarded(List<X509Certificate> chain) {
		this.inventory.forwarded(chain.get(0));
	}

	@Override
	public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
		if (!chain.isEmpty()) {
			this.inventory.rejected(chain.get(0), reason);
		}
	}

	@Override
	public void authenticated(X509Certificate leaf, String principal) {
		this.inventory.requested(leaf, principal);
	}

	@Override
	public void refused(@Nullable X509Certificate leaf, RejectionReason reason) {
		if (leaf != null) {
			this.inventory.rejected(leaf, reason);
		}
	}

}
