package io.mtls.boot.core.spiffe;

import io.mtls.boot.core.MtlsStartupException;

/**
 * The SPIFFE Workload API handed out no X509-SVID within the startup timeout: no socket,
 * no agent behind it, no registration entry for this workload, or an agent that does not
 * answer.
 */
public class WorkloadApiUnavailableException extends MtlsStartupException {

	/**
	 * Creates a new exception.
	 * @param description what happened, naming the socket and its property
	 * @param action what the user can do
	 */
	public WorkloadApiUnavailableException(String description, String action) {
		super(description, action, null);
	}

}
