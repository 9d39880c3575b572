package io.mtls.boot.core;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key with its certificate chain (leaf first) and where they came from.
 *
 * @param privateKey the private key
 * @param chain the certificate chain, leaf first
 * @param source where the certificate was loaded from
 */
public record KeyMaterial(PrivateKey privateKey, List<X509Certificate> chain, MaterialSource source) {

	/**
	 * Creates key material, copying the chain.
	 */
	public KeyMaterial {
		chain = List.copyOf(chain);
	}

	/**
	 * Returns the leaf certificate.
	 * @return the first certificate of the chain
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

}
