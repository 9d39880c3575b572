package io.mtls.boot.core.tls;

import java.util.Set;

/**
 * How an outbound call ties the called server's certificate to the server it meant to
 * call. By host name, as HTTPS does: the certificate must name the host or IP address
 * called. By SPIFFE ID, as SPIFFE peers do when the trust comes from a Workload API: a
 * certificate carrying a SPIFFE ID (an X509-SVID, which usually names no host) is
 * identified by that ID instead, and its trust domain must be accepted; a certificate
 * without one is still checked by host name.
 *
 * @param bySpiffeId whether a server certificate with a SPIFFE ID is identified by it
 * rather than by the host name
 * @param acceptedTrustDomains the trust domains a called server's SPIFFE ID must be in
 * when identified by SPIFFE ID; empty accepts any trust domain the bundles trust
 */
public record ServerIdentification(boolean bySpiffeId, Set<String> acceptedTrustDomains) {

	/** Identification by host name only. */
	public static final ServerIdentification HOST_NAME = new ServerIdentification(false, Set.of());

	/**
	 * Creates an identification, copying the trust domains.
	 */
	public ServerIdentification {
		acceptedTrustDomains = Set.copyOf(acceptedTrustDomains);
	}

	/**
	 * Returns identification by SPIFFE ID.
	 * @param acceptedTrustDomains the trust domains a called server's SPIFFE ID must be
	 * in; empty accepts any
	 * @return the identification
	 */
	public static ServerIdentification bySpiffeId(Set<String> acceptedTrustDomains) {
		return new ServerIdentification(true, acceptedTrustDomains);
	}

}
