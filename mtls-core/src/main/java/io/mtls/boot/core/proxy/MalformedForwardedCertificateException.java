package io.mtls.boot.core.proxy;

/**
 * A forwarded certificate header that cannot be decoded.
 */
public class MalformedForwardedCertificateException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what is wrong, for humans
	 */
	public MalformedForwardedCertificateException(String message) {
		super(message);
	}

}
