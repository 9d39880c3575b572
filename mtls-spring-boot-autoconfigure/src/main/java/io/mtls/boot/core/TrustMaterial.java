package io.mtls.boot.core;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA certificates that client certificates are verified against, and where they came
 * from.
 *
 * @param certificates the trusted certificates
 * @param source where they were loaded from
 */
public record TrustMaterial(List<X509Certificate> certificates, MaterialSource source) {

	/**
	 * Creates trust material, copying the certificates.
	 */
	public TrustMaterial {
		certificates = List.copyOf(certificates);
	}

}
