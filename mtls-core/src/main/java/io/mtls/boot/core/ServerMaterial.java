package io.mtls.boot.core;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Validated server key material plus optional trust material, ready to be turned into
 * in-memory key stores for the embedded server.
 *
 * @param key the server's key and chain
 * @param trust the trusted CAs, or {@code null} when clients are not verified
 */
public record ServerMaterial(KeyMaterial key, @Nullable TrustMaterial trust) {

	/** Alias of the server key entry in {@link #keyStore(char[])}. */
	public static final String KEY_ALIAS = "mtls";

	/**
	 * Checks the material and returns it: the key matches the certificate, the
	 * certificate is valid at {@code now}, and the trust material holds a CA that can
	 * verify clients at {@code now}.
	 * @param key the key material
	 * @param trust the trust material, or {@code null}
	 * @param now the instant the certificate must be valid at
	 * @return the validated material
	 * @throws InvalidMaterialException if any check fails
	 */
	public static ServerMaterial validated(KeyMaterial key, @Nullable TrustMaterial trust, Instant now) {
		MaterialValidator.validateKey(key, now);
		if (trust != null) {
			MaterialValidator.validateTrust(trust, now);
		}
		return new ServerMaterial(key, trust);
	}

	/**
	 * Builds an in-memory PKCS12 key store holding the key and chain under
	 * {@link #KEY_ALIAS}.
	 * @param password the password to protect the store and key with
	 * @return the key store
	 */
	public KeyStore keyStore(char[] password) {
		KeyStore store = emptyStore();
		try {
			store.setKeyEntry(KEY_ALIAS, this.key.privateKey(), password,
					this.key.chain().toArray(X509Certificate[]::new));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store the server key in memory", ex);
		}
		return store;
	}

	/**
	 * Builds an in-memory key store holding every trusted certificate, or returns
	 * {@code null} when there is no trust material.
	 * @return the trust store or {@code null}
	 */
	public @Nullable KeyStore trustStore() {
		if (this.trust == null) {
			return null;
		}
		KeyStore store = emptyStore();
		List<X509Certificate> certificates = this.trust.certificates();
		try {
			for (int i = 0; i < certificates.size(); i++) {
				store.setCertificateEntry("trust-" + i, certificates.get(i));
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot store trusted certificates in memory", ex);
		}
		return store;
	}

	private static KeyStore emptyStore() {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			return store;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("The JDK cannot create an in-memory PKCS12 key store", ex);
		}
	}

}
