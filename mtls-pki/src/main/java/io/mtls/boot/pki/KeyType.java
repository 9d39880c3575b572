package io.mtls.boot.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The key algorithms the test PKI can generate, each paired with the signature algorithm
 * used when a key of that type signs certificates and CRLs.
 */
public enum KeyType {

	/** NIST P-256 elliptic curve key, signing with SHA256withECDSA. */
	EC_P256("EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),

	/** NIST P-384 elliptic curve key, signing with SHA384withECDSA. */
	EC_P384("EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),

	/** 2048-bit RSA key, signing with SHA256withRSA. */
	RSA_2048("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),

	/** 3072-bit RSA key, signing with SHA256withRSA. */
	RSA_3072("RSA", new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),

	/** Ed25519 key (RFC 8410), signing with Ed25519. */
	ED25519("Ed25519", null, "Ed25519");

	private final String keyAlgorithm;

	private final @Nullable AlgorithmParameterSpec parameters;

	private final String signatureAlgorithm;

	KeyType(String keyAlgorithm, @Nullable AlgorithmParameterSpec parameters, String signatureAlgorithm) {
		this.keyAlgorithm = keyAlgorithm;
		this.parameters = parameters;
		this.signatureAlgorithm = signatureAlgorithm;
	}

	/**
	 * Generates a fresh key pair of this type with the JDK's default providers.
	 * @return the new key pair
	 */
	public KeyPair generateKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm);
			if (parameters != null) {
				generator.initialize(parameters);
			}
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot generate a " + this + " key pair", ex);
		}
	}

	/**
	 * Returns the type of an existing public key.
	 * @param publicKey the key
	 * @return its type
	 * @throws IllegalArgumentException if the key is none of the supported types
	 */
	public static KeyType of(PublicKey publicKey) {
		if (publicKey instanceof ECPublicKey ec) {
			int fieldSize = ec.getParams().getCurve().getField().getFieldSize();
			if (fieldSize == 256 || fieldSize == 384) {
				return (fieldSize == 256) ? EC_P256 : EC_P384;
			}
		}
		if (publicKey instanceof RSAPublicKey rsa) {
			int bits = rsa.getModulus().bitLength();
			if (bits == 2048 || bits == 3072) {
				return (bits == 2048) ? RSA_2048 : RSA_3072;
			}
		}
		if (publicKey instanceof EdECPublicKey edec && edec.getParams().getName().equals("Ed25519")) {
			return ED25519;
		}
		throw new IllegalArgumentException("Unsupported key: " + publicKey.getAlgorithm());
	}

	/**
	 * Returns the JCA name of the signature algorithm a key of this type signs with, for
	 * example {@code SHA256withECDSA}.
	 * @return the JCA signature algorithm name
	 */
	public String signatureAlgorithm() {
		return signatureAlgorithm;
	}

	/**
	 * Creates a BouncyCastle signer that signs with the given private key of this type.
	 */
	ContentSigner contentSigner(PrivateKey privateKey) throws OperatorCreationException {
		return new JcaContentSignerBuilder(signatureAlgorithm).build(privateKey);
	}

	/**
	 * Tells whether keys of this type are RSA keys, which also need the keyEncipherment
	 * key usage.
	 */
	boolean isRsa() {
		return "RSA".equals(keyAlgorithm);
	}

}
