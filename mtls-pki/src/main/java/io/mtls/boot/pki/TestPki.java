package io.mtls.boot.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import org.jspecify.annotations.Nullable;

/**
 * Entry point of the test PKI: start a hierarchy with {@link #rootCa(String)} and build
 * trust stores from its certificates.
 */
public final class TestPki {

	private TestPki() {
	}

	/**
	 * Starts the spec of a self-signed root CA (EC P-256, valid for 3650 days unless told
	 * otherwise).
	 * @param subjectDn the RFC 4514 subject, such as {@code CN=Test Root CA,O=Example}
	 * @return the spec; {@link CertificateSpec#issue()} returns the root CA
	 */
	public static CertificateSpec<CertificateAuthority> rootCa(String subjectDn) {
		return new CertificateSpec<>(CertificateProfile.ROOT_CA, subjectDn, null, CertificateAuthority::new);
	}

	/**
	 * Builds an in-memory trust store holding the certificates as trusted entries,
	 * aliased {@code trusted-0}, {@code trusted-1} and so on.
	 * @param type the key store type, {@code PKCS12} or {@code JKS}
	 * @param password the password the key store is initialised with
	 * @param certificates the trusted certificates
	 * @return the trust store
	 */
	public static KeyStore trustStore(String type, char @Nullable [] password, X509Certificate... certificates) {
		try {
			KeyStore trustStore = KeyStore.getInstance(type);
			trustStore.load(null, password);
			for (int i = 0; i < certificates.length; i++) {
				trustStore.setCertificateEntry("trusted-" + i, certificates[i]);
			}
			return trustStore;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot build a " + type + " trust store", ex);
		}
	}

	/**
	 * Writes a {@link #trustStore(String, char[], X509Certificate...) trust store} to a
	 * file, creating parent directories.
	 * @param file the file to write
	 * @param type the key store type, {@code PKCS12} or {@code JKS}
	 * @param password the store password
	 * @param certificates the trusted certificates
	 */
	public static void writeTrustStore(Path file, String type, char[] password, X509Certificate... certificates) {
		PkiFiles.writeKeyStore(file, trustStore(type, password, certificates), password);
	}

}
