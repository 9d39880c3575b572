package io.mtls.boot.core;

import java.io.ByteArrayOutputStream;

/**
 * The few DER operations needed to wrap traditional OpenSSL keys (PKCS#1, SEC1) into
 * PKCS#8, which the JDK's key factories read.
 */
final class Der {

	// JDK 17 key factories read only PKCS#8; PemDecoder says why no library does this

	private static final byte SEQUENCE = 0x30;

	private static final byte OCTET_STRING = 0x04;

	private static final byte[] VERSION_ZERO = { 0x02, 0x01, 0x00 };

	private static final byte[] RSA_ALGORITHM = { 0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
			(byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00 };

	private static final byte[] EC_PUBLIC_KEY_OID = { 0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
			0x01 };

	private static final int CONTEXT_ZERO = 0xa0;

	private Der() {
	}

	/**
	 * Wraps a PKCS#1 RSAPrivateKey into a PKCS#8 PrivateKeyInfo.
	 * @param pkcs1 the DER of the RSA key
	 * @return the PKCS#8 DER
	 */
	static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
		return encode(SEQUENCE, concat(VERSION_ZERO, RSA_ALGORITHM, encode(OCTET_STRING, pkcs1)));
	}

	/**
	 * Wraps a SEC1 ECPrivateKey, which must name its curve, into a PKCS#8 PrivateKeyInfo.
	 * @param sec1 the DER of the EC key
	 * @return the PKCS#8 DER
	 * @throws IllegalArgumentException if the key is malformed or names no curve
	 */
	static byte[] sec1ToPkcs8(byte[] sec1) {
		byte[] curve = null;
		for (DerElement field : DerElement.of(sec1).children()) {
			if (field.tag() == CONTEXT_ZERO) {
				curve = field.content();
			}
		}
		if (curve == null) {
			throw new IllegalArgumentException("EC private key does not name its curve");
		}
		byte[] algorithm = encode(SEQUENCE, concat(EC_PUBLIC_KEY_OID, curve));
		return encode(SEQUENCE, concat(VERSION_ZERO, algorithm, encode(OCTET_STRING, sec1)));
	}

	private static byte[] encode(byte tag, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(tag);
		int length = content.length;
		if (length < 0x80) {
			out.write(length);
		}
		else {
			int bytes = (length > 0xffff) ? 3 : (length > 0xff) ? 2 : 1;
			out.write(0x80 | bytes);
			for (int i = bytes - 1; i >= 0; i--) {
				out.write(length >>> (8 * i));
			}
		}
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
