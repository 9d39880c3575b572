package io.mtls.boot.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A certificate issued by the test PKI together with its key pair and issuing CA, with
 * helpers to export it as PEM, key stores and Kubernetes TLS secret files.
 */
public class IssuedCertificate {

	/** The alias of the key entry in key stores built from an issued certificate. */
	public static final String KEY_STORE_ALIAS = "mtls";

	private final X509Certificate certificate;

	private final KeyPair keyPair;

	private final KeyType keyType;

	private final @Nullable CertificateAuthority issuer;

	private final @Nullable List<X509Certificate> presentedChain;

	IssuedCertificate(X509Certificate certificate, KeyPair keyPair, KeyType keyType,
			@Nullable CertificateAuthority issuer) {
		this(certificate, keyPair, keyType, issuer, null);
	}

	private IssuedCertificate(X509Certificate certificate, KeyPair keyPair, KeyType keyType,
			@Nullable CertificateAuthority issuer, @Nullable List<X509Certificate> presentedChain) {
		this.certificate = certificate;
		this.keyPair = keyPair;
		this.keyType = keyType;
		this.issuer = issuer;
		this.presentedChain = presentedChain;
	}

	/**
	 * Returns this certificate and key with another {@link #chain() chain} after the
	 * certificate, as a misconfigured or unusual client may send it: intermediates out of
	 * order, unrelated extra certificates, alternative intermediates.
	 * @param certificatesAfterLeaf what follows the certificate in the chain, in order
	 * @return the same identity presenting that chain
	 */
	public IssuedCertificate presenting(X509Certificate... certificatesAfterLeaf) {
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate);
		chain.addAll(Arrays.asList(certificatesAfterLeaf));
		return new IssuedCertificate(certificate, keyPair, keyType, issuer, List.copyOf(chain));
	}

	/**
	 * Returns the certificate.
	 * @return the X.509 certificate
	 */
	public X509Certificate certificate() {
		return certificate;
	}

	/**
	 * Returns the private key matching the certificate.
	 * @return the private key
	 */
	public PrivateKey privateKey() {
		return keyPair.getPrivate();
	}

	/**
	 * Returns the certificate's key pair.
	 * @return the key pair
	 */
	public KeyPair keyPair() {
		return keyPair;
	}

	/**
	 * Returns the certificate followed by the intermediate CAs that issued it, without
	 * the root; for a root CA the chain is the root alone. A chain chosen with
	 * {@link #presenting(X509Certificate...)} is returned as chosen.
	 * @return the chain, leaf first
	 */
	public List<X509Certificate> chain() {
		if (presentedChain != null) {
			return presentedChain;
		}
		List<X509Certificate> chain = new ArrayList<>();
		chain.add(certificate);
		for (CertificateAuthority ca = issuer; ca != null && ca.issuer() != null; ca = ca.issuer()) {
			chain.add(ca.certificate());
		}
		return List.copyOf(chain);
	}

	/**
	 * Returns the CA that issued this certificate.
	 * @return the issuing CA, or {@code null} for a self-signed root
	 */
	public @Nullable CertificateAuthority issuer() {
		return issuer;
	}

	/**
	 * Returns the self-signed root certificate of this certificate's hierarchy; for a
	 * root CA, itself.
	 * @return the root certificate
	 */
	public X509Certificate root() {
		return (issuer != null) ? issuer.root() : certificate;
	}

	/**
	 * Returns the SHA-256 fingerprint of the certificate's DER encoding.
	 * @return lower-case hex without separators
	 */
	public String sha256Fingerprint() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
			return HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot fingerprint " + certificate.getSubjectX500Principal(), ex);
		}
	}

	/**
	 * Returns the certificate alone as PEM.
	 * @return one {@code CERTIFICATE} block
	 */
	public String certificatePem() {
		return Pem.encode(certificate);
	}

	/**
	 * Returns the {@link #chain() chain} (certificate and intermediates, no root) as PEM.
	 * @return consecutive {@code CERTIFICATE} blocks, leaf first
	 */
	public String chainPem() {
		return Pem.encode(chain().toArray(X509Certificate[]::new));
	}

	/**
	 * Returns the private key as unencrypted PKCS#8 PEM.
	 * @return a {@code PRIVATE KEY} block
	 */
	public String privateKeyPem() {
		return Pem.encode(privateKey());
	}

	/**
	 * Returns the private key as password-encrypted PKCS#8 PEM (PBES2 with
	 * PBKDF2-HMAC-SHA256 and AES-256-CBC).
	 * @param password the encryption password
	 * @return an {@code ENCRYPTED PRIVATE KEY} block
	 */
	public String encryptedPrivateKeyPem(char[] password) {
		return Pem.block("ENCRYPTED PRIVATE KEY", PrivateKeyEncoding.encryptedPkcs8(keyPair, password));
	}

	/**
	 * Returns the private key in the traditional OpenSSL format: PKCS#1 for RSA, SEC1 for
	 * EC.
	 * @return an {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY} block
	 * @throws IllegalStateException for Ed25519 keys, which have no traditional format
	 */
	public String traditionalPrivateKeyPem() {
		PrivateKeyEncoding.TraditionalKey key = PrivateKeyEncoding.traditional(keyPair);
		return Pem.block(key.pemType(), key.der());
	}

	/**
	 * Writes the {@link #chainPem() chain PEM} to a file, creating parent directories.
	 * @param file the file to write
	 * @return the file written
	 */
	public Path writeChainPem(Path file) {
		return PkiFiles.writeString(file, chainPem());
	}

	/**
	 * Writes the unencrypted PKCS#8 private key PEM to a file, creating parent
	 * directories.
	 * @param file the file to write
	 * @return the file written
	 */
	public Path writePrivateKeyPem(Path file) {
		return PkiFiles.writeString(file, privateKeyPem());
	}

	/**
	 * Writes a PKCS#12 key store holding the key and chain under alias
	 * {@value #KEY_STORE_ALIAS}.
	 * @param file the file to write
	 * @param password the store and key password
	 * @return the file written
	 */
	public Path writePkcs12(Path file, char[] password) {
		return PkiFiles.writeKeyStore(file, toKeyStore("PKCS12", password), password);
	}

	/**
	 * Writes a JKS key store holding the key and chain under alias
	 * {@value #KEY_STORE_ALIAS}.
	 * @param file the file to write
	 * @param password the store and key password
	 * @return the file written
	 */
	public Path writeJks(Path file, char[] password) {
		return PkiFiles.writeKeyStore(file, toKeyStore("JKS", password), password);
	}

	/**
	 * Builds an in-memory key store with one key entry, alias {@value #KEY_STORE_ALIAS},
	 * holding the private key and the {@link #chain() chain}.
	 * @param type the key store type, such as {@code PKCS12} or {@code JKS}
	 * @param password the key entry password
	 * @return the key store
	 */
	public KeyStore toKeyStore(String type, char[] password) {
		try {
			KeyStore keyStore = KeyStore.getInstance(type);
			keyStore.load(null, password);
			keyStore.setKeyEntry(KEY_STORE_ALIAS, privateKey(), password, chain().toArray(X509Certificate[]::new));
			return keyStore;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot build a " + type + " key store", ex);
		}
	}

	/**
	 * Writes {@code tls.crt} (chain), {@code tls.key} (PKCS#8 key) and {@code ca.crt}
	 * (root certificate) into a directory, the layout of a mounted cert-manager
	 * {@code kubernetes.io/tls} secret.
	 * @param directory the directory to create or fill
	 * @return the directory
	 */
	public Path writeKubernetesSecret(Path directory) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create " + directory, ex);
		}
		writeChainPem(directory.resolve("tls.crt"));
		writePrivateKeyPem(directory.resolve("tls.key"));
		PkiFiles.writeString(directory.resolve("ca.crt"), Pem.encode(root()));
		return directory;
	}

	/**
	 * Returns the type of the certificate's key, which decides how it signs what it
	 * issues.
	 */
	KeyType keyType() {
		return keyType;
	}

	@Override
	public String toString() {
		return certificate.getSubjectX500Principal().getName();
	}

}
