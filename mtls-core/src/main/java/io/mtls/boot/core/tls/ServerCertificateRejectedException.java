package io.mtls.boot.core.tls;

import java.security.cert.CertificateException;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * A called server's certificate refused by an outbound handshake; the JDK keeps it as the
 * cause of the {@link javax.net.ssl.SSLHandshakeException} the HTTP client throws, so
 * callers can find the {@link #reason() reason}.
 */
public class ServerCertificateRejectedException extends CertificateException {

	private final RejectionReason reason;

	/**
	 * Creates an exception.
	 * @param reason why the certificate was refused
	 * @param message what is wrong, for humans
	 * @param cause the underlying failure, or {@code null}
	 */
	public ServerCertificateRejectedException(RejectionReason reason, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Returns why the certificate was refused.
	 * @return the reason
	 */
	public RejectionReason reason() {
		return this.reason;
	}

	/**
	 * Finds the rejection in an exception's causes.
	 * @param failure the failure of a call
	 * @return the rejection, or {@code null} when the called server's certificate was not
	 * refused here
	 */
	public static @Nullable ServerCertificateRejectedException find(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ServerCertificateRejectedException rejected) {
				return rejected;
			}
			if (cause.getCause() == cause) {
				return null;
			}
		}
		return null;
	}

}
