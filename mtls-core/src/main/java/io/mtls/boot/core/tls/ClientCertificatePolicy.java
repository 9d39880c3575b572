package io.mtls.boot.core.tls;

import java.util.Set;

/**
 * What, beyond a valid chain to a trusted CA, a client certificate must satisfy during
 * the handshake.
 *
 * @param requireClientAuthExtendedKeyUsage whether a leaf that carries an extended key
 * usage extension must list clientAuth (or anyExtendedKeyUsage); a leaf without the
 * extension is accepted, as RFC 5280 allows any use then
 * @param validation how strictly chains are validated
 * @param acceptedTrustDomains the SPIFFE trust domains a client certificate's SPIFFE ID
 * must be in; empty accepts any certificate, with or without a SPIFFE ID
 */
public record ClientCertificatePolicy(boolean requireClientAuthExtendedKeyUsage, ChainValidation validation,
		Set<String> acceptedTrustDomains) {

	/**
	 * Creates a policy, copying the trust domains.
	 */
	public ClientCertificatePolicy {
		acceptedTrustDomains = Set.copyOf(acceptedTrustDomains);
	}

	/**
	 * Creates a policy that accepts clients of any trust domain.
	 * @param requireClientAuthExtendedKeyUsage whether an extended key usage must list
	 * clientAuth
	 * @param validation how strictly chains are validated
	 */
	public ClientCertificatePolicy(boolean requireClientAuthExtendedKeyUsage, ChainValidation validation) {
		this(requireClientAuthExtendedKeyUsage, validation, Set.of());
	}

}
