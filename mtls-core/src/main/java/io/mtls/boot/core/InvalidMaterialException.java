package io.mtls.boot.core;

import org.jspecify.annotations.Nullable;

/**
 * Key or trust material that cannot be used: missing or unreadable file, wrong format,
 * wrong password, a key that does not match its certificate, a certificate outside its
 * validity window, or trust material without a CA certificate.
 */
public class InvalidMaterialException extends MtlsStartupException {

	private final MaterialSource source;

	/**
	 * Creates a new exception.
	 * @param source where the material came from
	 * @param problem what is wrong with it
	 * @param action what the user should do
	 * @param cause the underlying failure, or {@code null}
	 */
	public InvalidMaterialException(MaterialSource source, String problem, String action, @Nullable Throwable cause) {
		super(source.describe() + ": " + problem, action, cause);
		this.source = source;
	}

	/**
	 * Creates a new exception without an underlying cause.
	 * @param source where the material came from
	 * @param problem what is wrong with it
	 * @param action what the user should do
	 */
	public InvalidMaterialException(MaterialSource source, String problem, String action) {
		this(source, problem, action, null);
	}

	/**
	 * Returns where the rejected material came from.
	 * @return the source
	 */
	public MaterialSource getSource() {
		return this.source;
	}

}
