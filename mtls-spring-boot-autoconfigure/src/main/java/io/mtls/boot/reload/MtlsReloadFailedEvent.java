package io.mtls.boot.reload;

/**
 * Published when changed material could not be loaded, or a server could not take it;
 * every server keeps serving the material it had.
 */
public class MtlsReloadFailedEvent extends MtlsReloadEvent {

	private final String reason;

	private final Exception failure;

	/**
	 * Creates a new event.
	 * @param source the reloader
	 * @param reason what is wrong, naming the property and file
	 * @param failure the failure
	 */
	public MtlsReloadFailedEvent(Object source, String reason, Exception failure) {
		super(source);
		this.reason = reason;
		this.failure = failure;
	}

	/**
	 * Returns what is wrong with the new material.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Returns the failure.
	 * @return the exception
	 */
	public Exception getFailure() {
		return this.failure;
	}

}
