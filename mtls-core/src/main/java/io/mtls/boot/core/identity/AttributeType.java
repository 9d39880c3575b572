package io.mtls.boot.core.identity;

import java.util.Locale;
import java.util.Map;

/**
 * Canonical names of distinguished-name attribute types, so that {@code cn},
 * {@code 2.5.4.3} and {@code OID.2.5.4.3} all compare equal to {@code CN}.
 */
final class AttributeType {

	private static final String OID_PREFIX = "OID.";

	private static final Map<String, String> CANONICAL_NAMES = Map.ofEntries(Map.entry("2.5.4.3", "CN"),
			Map.entry("2.5.4.11", "OU"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.6", "C"),
			Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "ST"), Map.entry("S", "ST"), Map.entry("2.5.4.9", "STREET"),
			Map.entry("2.5.4.5", "SERIALNUMBER"), Map.entry("0.9.2342.19200300.100.1.25", "DC"),
			Map.entry("0.9.2342.19200300.100.1.1", "UID"), Map.entry("1.2.840.113549.1.9.1", "EMAILADDRESS"),
			Map.entry("E", "EMAILADDRESS"), Map.entry("EMAIL", "EMAILADDRESS"));

	private AttributeType() {
	}

	/**
	 * Returns the canonical name of an attribute type: the upper-case short name for
	 * well-known types and their OIDs, otherwise the type upper-cased without any
	 * {@code OID.} prefix.
	 * @param type an attribute type as written, such as {@code cn} or {@code 2.5.4.3}
	 * @return the canonical name, such as {@code CN}
	 */
	static String canonical(String type) {
		String upperCase = type.toUpperCase(Locale.ROOT);
		String withoutPrefix = upperCase.startsWith(OID_PREFIX) ? upperCase.substring(OID_PREFIX.length()) : upperCase;
		return CANONICAL_NAMES.getOrDefault(withoutPrefix, withoutPrefix);
	}

}
