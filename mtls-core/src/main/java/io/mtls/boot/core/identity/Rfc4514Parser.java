package io.mtls.boot.core.identity;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.mtls.boot.core.identity.DistinguishedName.Attribute;
import io.mtls.boot.core.identity.DistinguishedName.Rdn;

/**
 * A strict parser of RFC 4514 distinguished-name strings, rejecting what lenient parsers
 * silently accept: empty RDNs, unknown escapes, unescaped special characters. It reads
 * both rule patterns and the JDK's RFC 2253 rendering of certificate names. Kept over
 * {@code LdapName}, which accepts {@code ;} separators and quoted values and reports no
 * position, all pinned by {@code DistinguishedNameTests}.
 */
final class Rfc4514Parser {

	private static final Pattern DESCRIPTOR = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

	private static final Pattern NUMERIC_OID = Pattern
		.compile("(?:[Oo][Ii][Dd]\\.)?(?:0|[1-9][0-9]*)(?:\\.(?:0|[1-9][0-9]*))+");

	private static final String ESCAPABLE = "\"+,;<>\\ #=";

	private static final String MUST_BE_ESCAPED = "\";<>\0";

	private final String text;

	private int position;

	private Rfc4514Parser(String text) {
		this.text = text;
	}

	/**
	 * Parses a distinguished name.
	 * @param text the RFC 4514 string; empty for the empty name
	 * @return the RDNs in string order
	 * @throws IllegalArgumentException if the string is malformed
	 */
	static List<Rdn> parse(String text) {
		return text.isEmpty() ? List.of() : new Rfc4514Parser(text).distinguishedName();
	}

	private List<Rdn> distinguishedName() {
		List<Rdn> rdns = new ArrayList<>();
		do {
			rdns.add(relativeDistinguishedName());
		}
		while (consume(','));
		return rdns;
	}

	private Rdn relativeDistinguishedName() {
		List<Attribute> attributes = new ArrayList<>();
		do {
			attributes.add(attributeTypeAndValue());
		}
		while (consume('+'));
		return new Rdn(attributes);
	}

	private Attribute attributeTypeAndValue() {
		skipSpaces();
		String type = attributeType();
		skipSpaces();
		if (!consume('=')) {
			throw error("missing '=' after the attribute type '" + type + "'", this.position);
		}
		skipSpaces();
		String value = (this.position < this.text.length() && this.text.charAt(this.position) == '#') ? hexValue()
				: stringValue();
		return new Attribute(type, value);
	}

	private String attributeType() {
		int start = this.position;
		while (this.position < this.text.length() && isTypeCharacter(this.text.charAt(this.position))) {
			this.position++;
		}
		String type = this.text.substring(start, this.position);
		if (type.isEmpty() && atEndOfValue()) {
			throw error("empty RDN, expected TYPE=value such as CN=alice", start);
		}
		if (type.isEmpty()) {
			throw error("unexpected '" + this.text.charAt(start) + "' where an attribute type was expected", start);
		}
		if (!DESCRIPTOR.matcher(type).matches() && !NUMERIC_OID.matcher(type).matches()) {
			throw error("'" + type + "' is not an attribute type, use a name such as CN or an OID such as 2.5.4.3",
					start);
		}
		return type;
	}

	private String hexValue() {
		int start = this.position++;
		while (this.position < this.text.length() && HexFormat.isHexDigit(this.text.charAt(this.position))) {
			this.position++;
		}
		String hex = this.text.substring(start + 1, this.position);
		if (hex.isEmpty() || hex.length() % 2 != 0) {
			throw error("a value starting with '#' must be an even number of hex digits, write \\# for a literal '#'",
					start);
		}
		skipSpaces();
		if (!atEndOfValue()) {
			throw error("unexpected '" + this.text.charAt(this.position) + "' after the hex value", this.position);
		}
		return "#" + hex.toLowerCase(Locale.ROOT);
	}

	private String stringValue() {
		StringBuilder value = new StringBuilder();
		int significantLength = 0;
		while (!atEndOfValue()) {
			char character = this.text.charAt(this.position);
			if (character == '\\') {
				escape(value);
				significantLength = value.length();
			}
			else if (MUST_BE_ESCAPED.indexOf(character) >= 0) {
				throw error(unescapedMessage(character), this.position);
			}
			else {
				value.append(character);
				this.position++;
				if (character != ' ') {
					significantLength = value.length();
				}
			}
		}
		// unescaped trailing spaces belong to the separator, not to the value
		return value.substring(0, significantLength);
	}

	private void escape(StringBuilder value) {
		int start = this.position++;
		if (this.position >= this.text.length()) {
			throw error("the value ends with a lone '\\', write \\\\ for a backslash", start);
		}
		char escaped = this.text.charAt(this.position);
		if (ESCAPABLE.indexOf(escaped) >= 0) {
			value.append(escaped);
			this.position++;
			return;
		}
		if (!isHexPair(this.position)) {
			throw error("bad escape '\\" + escaped + "', a backslash must be followed by one of \" + , ; < > # = \\"
					+ " or a space, or by two hex digits", start);
		}
		ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
		utf8.write(HexFormat.fromHexDigits(this.text, this.position, this.position + 2));
		this.position += 2;
		while (this.position < this.text.length() && this.text.charAt(this.position) == '\\'
				&& isHexPair(this.position + 1)) {
			utf8.write(HexFormat.fromHexDigits(this.text, this.position + 1, this.position + 3));
			this.position += 3;
		}
		try {
			value.append(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8.toByteArray())));
		}
		catch (CharacterCodingException ex) {
			throw error("the hex escapes do not form valid UTF-8", start);
		}
	}

	private static String unescapedMessage(char character) {
		if (character == '\0') {
			return "unescaped NUL character, write \\00";
		}
		String hint = (character == ';') ? " (separate RDNs with ',')" : "";
		return "'" + character + "' must be escaped as \\" + character + hint;
	}

	private boolean isHexPair(int index) {
		return index + 1 < this.text.length() && HexFormat.isHexDigit(this.text.charAt(index))
				&& HexFormat.isHexDigit(this.text.charAt(index + 1));
	}

	private static boolean isTypeCharacter(char character) {
		return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
				|| (character >= '0' && character <= '9') || character == '-' || character == '.';
	}

	private boolean atEndOfValue() {
		return this.position >= this.text.length() || this.text.charAt(this.position) == ','
				|| this.text.charAt(this.position) == '+';
	}

	private boolean consume(char expected) {
		if (this.position < this.text.length() && this.text.charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private void skipSpaces() {
		while (this.position < this.text.length() && this.text.charAt(this.position) == ' ') {
			this.position++;
		}
	}

	private IllegalArgumentException error(String problem, int index) {
		return new IllegalArgumentException(
				"Malformed distinguished name '" + this.text + "': " + problem + " (at character " + (index + 1) + ")");
	}

}
