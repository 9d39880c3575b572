package io.mtls.boot.core.tls;

/**
 * Thrown when a server could not take a new TLS context; every server then serves the
 * previous context again, unless this exception has suppressed exceptions telling which
 * could not be switched back.
 */
public class TlsContextUpdateException extends Exception {

	TlsContextUpdateException(String message, Throwable cause) {
		super(message, cause);
	}

}
