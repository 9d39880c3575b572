package io.mtls.boot.core;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Decodes PEM certificates and private keys (PKCS#8, encrypted PKCS#8, PKCS#1 RSA and
 * SEC1 EC) using only the JDK.
 */
public final class PemDecoder {

	// no Boot PemContent (Spring) or BouncyCastle PEMParser (+9.5 MB): core stays lean

	private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----",
			Pattern.DOTALL);

	private static final String[] KEY_ALGORITHMS = { "RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "XDH" };

	private PemDecoder() {
	}

	/**
	 * Decodes every certificate in a PEM source, in file order.
	 * @param source the source
	 * @return the certificates, never empty
	 * @throws InvalidMaterialException if the source holds no PEM certificate or a
	 * malformed one
	 */
	public static List<X509Certificate> certificates(MaterialSource source) {
		List<X509Certificate> certificates = new ArrayList<>();
		for (Block block : blocks(source)) {
			if (block.type().equals("CERTIFICATE")) {
				certificates.add(certificate(source, block));
			}
		}
		if (certificates.isEmpty()) {
			throw new InvalidMaterialException(source, "contains no PEM certificate ('-----BEGIN CERTIFICATE-----')",
					"Point '" + source.property() + "' at a PEM-encoded X.509 certificate file.");
		}
		return certificates;
	}

	/**
	 * Decodes the single private key of a PEM source.
	 * @param source the source
	 * @param password the password of an encrypted key, or {@code null}
	 * @param passwordProperty the property that holds the password, for messages
	 * @return the key
	 * @throws InvalidMaterialException if there is no key, more than one, or it cannot be
	 * decoded or decrypted
	 */
	public static PrivateKey privateKey(MaterialSource source, char @Nullable [] password, String passwordProperty) {
		List<Block> keys = blocks(source).stream().filter((block) -> block.type().endsWith("PRIVATE KEY")).toList();
		if (keys.isEmpty()) {
			throw new InvalidMaterialException(source, "contains no PEM private key ('-----BEGIN PRIVATE KEY-----')",
					"Point '" + source.property() + "' at a PEM-encoded private key file.");
		}
		if (keys.size() > 1) {
			throw new InvalidMaterialException(source, "contains " + keys.size() + " private keys, expected one",
					"Keep only the server's private key in the file named by '" + source.property() + "'.");
		}
		Block key = keys.get(0);
		return switch (key.type()) {
			case "PRIVATE KEY" -> pkcs8(source, key.der());
			case "ENCRYPTED PRIVATE KEY" -> encryptedPkcs8(source, key.der(), password, passwordProperty);
			case "RSA PRIVATE KEY" -> traditional(source, key, Der::pkcs1ToPkcs8);
			case "EC PRIVATE KEY" -> traditional(source, key, Der::sec1ToPkcs8);
			default -> throw new InvalidMaterialException(source, "holds an unsupported key type '" + key.type() + "'",
					"Convert the key to PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem'.");
		};
	}

	private static PrivateKey traditional(MaterialSource source, Block block, UnaryOperator<byte[]> toPkcs8) {
		if (block.legacyEncrypted()) {
			throw new InvalidMaterialException(source, "is encrypted with the legacy OpenSSL PEM scheme",
					"Convert it to encrypted PKCS#8 with 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out new.pem'.");
		}
		try {
			return pkcs8(source, toPkcs8.apply(block.der()));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMaterialException(source,
					"contains a malformed '" + block.type() + "' (" + ex.getMessage() + ")",
					"Replace the file named by '" + source.property() + "' with an intact key.", ex);
		}
	}

	private static X509Certificate certificate(MaterialSource source, Block block) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509");
			return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der()));
		}
		catch (CertificateException ex) {
			throw new InvalidMaterialException(source, "contains a malformed certificate (" + ex.getMessage() + ")",
					"Replace the file named by '" + source.property() + "' with a valid PEM certificate.", ex);
		}
	}

	private static PrivateKey pkcs8(MaterialSource source, byte[] der) {
		PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
		for (String algorithm : KEY_ALGORITHMS) {
			try {
				return KeyFactory.getInstance(algorithm).generatePrivate(spec);
			}
			catch (GeneralSecurityException ex) {
				// not this algorithm: try the next one
			}
		}
		throw new InvalidMaterialException(source, "contains a private key that cannot be decoded",
				"Replace the file named by '" + source.property() + "' with an RSA, EC or Ed25519 key in PEM format.");
	}

	private static PrivateKey encryptedPkcs8(MaterialSource source, byte[] der, char @Nullable [] password,
			String passwordProperty) {
		if (password == null || password.length == 0) {
			throw new InvalidMaterialException(source, "the private key is encrypted but no password is set",
					"Set '" + passwordProperty + "' to the key's password.");
		}
		EncryptedPrivateKeyInfo info;
		try {
			info = new EncryptedPrivateKeyInfo(der);
		}
		catch (java.io.IOException ex) {
			throw new InvalidMaterialException(source, "contains a malformed encrypted private key",
					"Replace the file named by '" + source.property() + "' with a valid encrypted PKCS#8 key.", ex);
		}
		try {
			// PBES2 names its real algorithm in the parameters; the JDK has no cipher
			// named "PBES2"
			String algorithm = (info.getAlgParameters() != null) ? info.getAlgParameters().toString()
					: info.getAlgName();
			SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
			Cipher cipher = Cipher.getInstance(algorithm);
			cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(password)), info.getAlgParameters());
			return pkcs8(source, info.getKeySpec(cipher).getEncoded());
		}
		catch (GeneralSecurityException ex) {
			throw new InvalidMaterialException(source, "the private key cannot be decrypted: wrong password",
					"Set '" + passwordProperty + "' to the password the key was encrypted with.", ex);
		}
	}

	private static List<Block> blocks(MaterialSource source) {
		String text = new String(source.read(), StandardCharsets.US_ASCII);
		List<Block> blocks = new ArrayList<>();
		Matcher matcher = BLOCK.matcher(text);
		while (matcher.find()) {
			blocks.add(decode(source, matcher.group(1), matcher.group(2)));
		}
		if (blocks.isEmpty()) {
			throw new InvalidMaterialException(source, "is not PEM: no '-----BEGIN ...-----' block found",
					"Point '" + source.property() + "' at a PEM file, or use the key-store properties for PKCS12/JKS.");
		}
		return blocks;
	}

	private static Block decode(MaterialSource source, String type, String body) {
		StringBuilder base64 = new StringBuilder();
		boolean legacyEncrypted = false;
		for (String line : body.split("\\R")) {
			if (line.contains(":")) {
				legacyEncrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
			}
			else {
				base64.append(line.strip());
			}
		}
		try {
			return new Block(type, Base64.getDecoder().decode(base64.toString()), legacyEncrypted);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMaterialException(source, "contains a corrupt PEM '" + type + "' block (bad base64)",
					"Replace the file named by '" + source.property() + "' with an intact copy.", ex);
		}
	}

	private record Block(String type, byte[] der, boolean legacyEncrypted) {
	}

}
