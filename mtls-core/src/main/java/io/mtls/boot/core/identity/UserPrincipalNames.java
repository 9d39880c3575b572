package io.mtls.boot.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decodes the Microsoft user principal name from the DER of an otherName subject
 * alternative name, as
 * {@link java.security.cert.X509Certificate#getSubjectAlternativeNames()} reports it.
 */
final class UserPrincipalNames {

	/** DER content of the OID 1.3.6.1.4.1.311.20.2.3. */
	private static final byte[] UPN_OID = { 0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x14, 0x02, 0x03 };

	private static final int SEQUENCE = 0x30;

	private static final int OBJECT_IDENTIFIER = 0x06;

	private static final int CONTEXT_ZERO = 0xa0;

	private static final int UTF8_STRING = 0x0c;

	private UserPrincipalNames() {
	}

	/**
	 * Returns the UPN held by an otherName.
	 * @param otherName the DER of {@code SEQUENCE { type-id OID, [0] value }}
	 * @return the UPN, or empty if the otherName is of another type or malformed
	 */
	static Optional<String> decode(byte[] otherName) {
		try {
			Element sequence = Element.read(otherName, 0, otherName.length);
			if (sequence.tag() != SEQUENCE) {
				return Optional.empty();
			}
			Element typeId = Element.read(otherName, sequence.start(), sequence.end());
			if (typeId.tag() != OBJECT_IDENTIFIER
					|| !Arrays.equals(otherName, typeId.start(), typeId.end(), UPN_OID, 0, UPN_OID.length)) {
				return Optional.empty();
			}
			Element value = Element.read(otherName, typeId.end(), sequence.end());
			// JDK 17 adds an explicit [0] of its own around the one the certificate has
			while (value.tag() == CONTEXT_ZERO) {
				value = Element.read(otherName, value.start(), value.end());
			}
			if (value.tag() != UTF8_STRING) {
				return Optional.empty();
			}
			ByteBuffer utf8 = ByteBuffer.wrap(otherName, value.start(), value.end() - value.start());
			return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(utf8).toString());
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			return Optional.empty();
		}
	}

	/**
	 * One DER element: its single-byte tag and where its content lies.
	 */
	private record Element(int tag, int start, int end) {

		private static final int MAX_LENGTH_BYTES = 4;

		/**
		 * Reads the element at {@code offset}, which must end by {@code limit}.
		 */
		static Element read(byte[] der, int offset, int limit) {
			if (offset + 2 > limit) {
				throw new IllegalArgumentException("truncated DER");
			}
			int tag = der[offset] & 0xff;
			int first = der[offset + 1] & 0xff;
			int start = offset + 2;
			long length = first;
			if (first >= 0x80) {
				int lengthBytes = first & 0x7f;
				if (lengthBytes == 0 || lengthBytes > MAX_LENGTH_BYTES || start + lengthBytes > limit) {
					throw new IllegalArgumentException("unsupported DER length");
				}
				length = 0;
				for (int i = 0; i < lengthBytes; i++) {
					length = (length << 8) | (der[start + i] & 0xff);
				}
				start += lengthBytes;
			}
			if (start + length > limit) {
				throw new IllegalArgumentException("truncated DER");
			}
			return new Element(tag, start, (int) (start + length));
		}

	}

}
