package io.mtls.boot.core;

/**
 * A combination of {@code mtls.*} settings that cannot work, such as two sources for the
 * same key material or client authentication without trust material.
 */
public class InvalidMtlsConfigurationException extends MtlsStartupException {

	/**
	 * Creates a new exception.
	 * @param description what is wrong, naming the properties involved
	 * @param action what the user should change
	 */
	public InvalidMtlsConfigurationException(String description, String action) {
		super(description, action, null);
	}

}
