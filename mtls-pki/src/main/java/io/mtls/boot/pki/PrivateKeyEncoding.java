package io.mtls.boot.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * DER encodings of private keys beyond the JDK's plain PKCS#8: password-encrypted PKCS#8
 * and the traditional OpenSSL formats.
 */
final class PrivateKeyEncoding {

	private static final int PBKDF2_ITERATIONS = 100_000;

	private static final SecureRandom RANDOM = new SecureRandom();

	private PrivateKeyEncoding() {
	}

	/**
	 * Encrypts the PKCS#8 encoding of a private key with PBES2 (PBKDF2-HMAC-SHA256,
	 * AES-256-CBC), returning the DER of the resulting EncryptedPrivateKeyInfo.
	 */
	static byte[] encryptedPkcs8(KeyPair keyPair, char[] password) {
		byte[] salt = randomBytes(16);
		byte[] iv = randomBytes(16);
		try {
			PBEKeySpec keySpec = new PBEKeySpec(password, salt, PBKDF2_ITERATIONS, 256);
			byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(keySpec).getEncoded();
			keySpec.clearPassword();
			Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
			cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
			byte[] encrypted = cipher.doFinal(keyPair.getPrivate().getEncoded());
			AlgorithmIdentifier prf = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256,
					DERNull.INSTANCE);
			KeyDerivationFunc keyDerivation = new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2,
					new PBKDF2Params(salt, PBKDF2_ITERATIONS, prf));
			EncryptionScheme scheme = new EncryptionScheme(NISTObjectIdentifiers.id_aes256_CBC, new DEROctetString(iv));
			AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2,
					new PBES2Parameters(keyDerivation, scheme));
			return new EncryptedPrivateKeyInfo(algorithm, encrypted).getEncoded();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Cannot encrypt the private key", ex);
		}
	}

	/**
	 * Returns the PEM type and DER of the traditional OpenSSL encoding: PKCS#1 for RSA,
	 * SEC1 (with the curve and public key) for EC.
	 * @throws IllegalStateException for other key algorithms, such as Ed25519, which have
	 * no traditional form
	 */
	static TraditionalKey traditional(KeyPair keyPair) {
		try {
			PrivateKeyInfo info = PrivateKeyInfo.getInstance(keyPair.getPrivate().getEncoded());
			AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
			if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm.getAlgorithm())) {
				return new TraditionalKey("RSA PRIVATE KEY", info.parsePrivateKey().toASN1Primitive().getEncoded());
			}
			if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
				return new TraditionalKey("EC PRIVATE KEY", sec1(keyPair, info, algorithm.getParameters()));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot re-encode the private key", ex);
		}
		throw new IllegalStateException(
				"No traditional PEM encoding for " + keyPair.getPrivate().getAlgorithm() + " keys; use PKCS#8");
	}

	private static byte[] sec1(KeyPair keyPair, PrivateKeyInfo info, ASN1Encodable curve) throws IOException {
		// The JDK's PKCS#8 leaves the curve and public key out of the inner ECPrivateKey;
		// SEC1 readers need both.
		org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey
			.getInstance(info.parsePrivateKey());
		int orderBits = ((ECPrivateKey) keyPair.getPrivate()).getParams().getOrder().bitLength();
		SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keyPair.getPublic().getEncoded());
		return new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, inner.getKey(), publicKey.getPublicKeyData(),
				curve)
			.getEncoded();
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/**
	 * A traditional private key encoding with its PEM type label.
	 */
	record TraditionalKey(String pemType, byte[] der) {
	}

}
