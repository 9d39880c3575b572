package io.mtls.boot.core;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

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
		int[] sequence = header(sec1, 0);
		int position = sequence[0];
		int end = position + sequence[1];
		while (position < end) {
			int[] element = header(sec1, position);
			if ((sec1[position] & 0xff) == CONTEXT_ZERO) {
				curve = Arrays.copyOfRange(sec1, element[0], element[0] + element[1]);
			}
			position = element[0] + element[1];
		}
		if (curve == null) {
			throw new IllegalArgumentException("EC private key does not name its curve");
		}
		byte[] algorithm = encode(SEQUENCE, concat(EC_PUBLIC_KEY_OID, curve));
		return encode(SEQUENCE, concat(VERSION_ZERO, algorithm, encode(OCTET_STRING, sec1)));
	}

	/**
	 * Reads the header of the element at {@code offset}.
	 * @return the offset of the content and its length
	 */
	private static int[] header(byte[] der, int offset) {
		if (offset + 2 > der.length) {
			throw new IllegalArgumentException("truncated DER");
		}
		int first = der[offset + 1] & 0xff;
		if (first < 0x80) {
			return checked(der, offset + 2, first);
		}
		int count = first & 0x7f;
		if (count == 0 || count > 3 || offset + 2 + count > der.length) {
			throw new IllegalArgumentException("unsupported DER length");
		}
		int length = 0;
		for (int i = 0; i < count; i++) {
			length = (length << 8) | (der[offset + 2 + i] & 0xff);
		}
		return checked(der, offset + 2 + count, length);
	}

	private static int[] checked(byte[] der, int contentOffset, int length) {
		if (contentOffset + length > der.length) {
			throw new IllegalArgumentException("truncated DER");
		}
		return new int[] { contentOffset, length };
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
