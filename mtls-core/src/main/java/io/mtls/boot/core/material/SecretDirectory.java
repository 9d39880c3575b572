package io.mtls.boot.core.material;

import java.nio.file.Files;

import io.mtls.boot.core.MaterialSource;

/**
 * A mounted {@code kubernetes.io/tls} secret, as cert-manager writes it: the chain in
 * {@code tls.crt}, the key in {@code tls.key} and, optionally, the issuing CA in
 * {@code ca.crt}. The one place that knows these file names.
 *
 * @param directory the mounted directory
 */
public record SecretDirectory(MaterialSource directory) {

	/**
	 * Returns the certificate chain file, {@code tls.crt}.
	 * @return the source of the chain
	 */
	public MaterialSource certificate() {
		return this.directory.resolve("tls.crt");
	}

	/**
	 * Returns the private key file, {@code tls.key}.
	 * @return the source of the key
	 */
	public MaterialSource privateKey() {
		return this.directory.resolve("tls.key");
	}

	/**
	 * Returns the CA certificate file, {@code ca.crt}.
	 * @return the source of the CA
	 */
	public MaterialSource ca() {
		return this.directory.resolve("ca.crt");
	}

	/**
	 * Returns whether the secret holds a {@code ca.crt}; issuers without a CA leave it
	 * out.
	 * @return whether the CA file exists
	 */
	public boolean hasCa() {
		return Files.exists(ca().path());
	}

}
