package io.mtls.boot.core.tls;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * A client certificate chain for which no valid path to a trusted CA exists.
 */
public class ChainRejectedException extends Exception {

	private final RejectionReason reason;

	/**
	 * Creates an exception.
	 * @param reason why, one of the handshake reasons
	 * @param message what is wrong, for humans
	 */
	public ChainRejectedException(RejectionReason reason, @Nullable String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the chain was rejected.
	 * @return the reason
	 */
	public RejectionReason reason() {
		return this.reason;
	}

}
