package io.mtls.boot.core;

import org.jspecify.annotations.Nullable;

/**
 * Base of every mTLS failure that stops an application from starting: it carries a
 * description of what is wrong and an action the user can take to fix it.
 */
public abstract class MtlsStartupException extends RuntimeException {

	private final String description;

	private final String action;

	protected MtlsStartupException(String description, String action, @Nullable Throwable cause) {
		super(description, cause);
		this.description = description;
		this.action = action;
	}

	/**
	 * Returns what is wrong, naming the property (and file) involved.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Returns what the user should do to fix the problem.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
