package io.mtls.boot.core.identity;

/**
 * A certificate rule that cannot be compiled; the message says what is wrong and how to
 * fix it, and {@link #property()} names the configuration property at fault.
 */
public class InvalidRuleException extends IllegalArgumentException {

	private final String property;

	/**
	 * Creates a new exception.
	 * @param property the property at fault, such as
	 * {@code mtls.authorization.rules[2].san-dns}
	 * @param message what is wrong and how to fix it
	 */
	public InvalidRuleException(String property, String message) {
		super(message);
		this.property = property;
	}

	/**
	 * Returns the configuration property at fault.
	 * @return the property name, such as {@code mtls.authorization.rules[2].san-dns}
	 */
	public String property() {
		return this.property;
	}

}
