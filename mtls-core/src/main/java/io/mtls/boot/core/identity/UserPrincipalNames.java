package io.mtls.boot.core.identity;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mtls.boot.core.DerElement;

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
			DerElement sequence = DerElement.of(otherName);
			List<DerElement> fields = (sequence.tag() == SEQUENCE) ? sequence.children() : List.of();
			if (fields.size() < 2 || fields.get(0).tag() != OBJECT_IDENTIFIER
					|| !Arrays.equals(fields.get(0).content(), UPN_OID)) {
				return Optional.empty();
			}
			DerElement value = fields.get(1);
			// JDK 17 adds an explicit [0] of its own around the one the certificate has
			while (value.tag() == CONTEXT_ZERO && !value.children().isEmpty()) {
				value = value.children().get(0);
			}
			if (value.tag() != UTF8_STRING) {
				return Optional.empty();
			}
			return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value.content())).toString());
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			return Optional.empty();
		}
	}

}
