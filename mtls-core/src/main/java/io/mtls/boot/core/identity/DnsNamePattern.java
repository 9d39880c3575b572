package io.mtls.boot.core.identity;

import org.jspecify.annotations.Nullable;

/**
 * A DNS name, or {@code *.} followed by a DNS name, matched case-insensitively (ASCII
 * only) against DNS subject alternative names. The wildcard stands for exactly one
 * left-most label: {@code *.ops.example.org} matches {@code a.ops.example.org} but
 * neither {@code a.b.ops.example.org} nor {@code ops.example.org}.
 */
final class DnsNamePattern {

	private static final String WILDCARD_PREFIX = "*.";

	private static final int MAX_NAME_LENGTH = 253;

	private static final int MAX_LABEL_LENGTH = 63;

	private final boolean wildcard;

	private final String name;

	private DnsNamePattern(boolean wildcard, String name) {
		this.wildcard = wildcard;
		this.name = name;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern a host name such as {@code api.example.org} or {@code *.example.org}
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the wildcard is misplaced or the name is not a
	 * valid host name
	 */
	static DnsNamePattern compile(String pattern) {
		boolean wildcard = pattern.startsWith(WILDCARD_PREFIX);
		String name = wildcard ? pattern.substring(WILDCARD_PREFIX.length()) : pattern;
		if (name.indexOf('*') >= 0) {
			throw new IllegalArgumentException(
					"'*' is allowed only as the whole left-most label and stands for exactly one label, as in *.example.org");
		}
		if (!isHostName(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a valid host name: use labels of letters, digits"
					+ " and inner hyphens, separated by single dots, without a trailing dot");
		}
		return new DnsNamePattern(wildcard, Ascii.toLowerCase(name));
	}

	/**
	 * Returns a DNS subject alternative name in the form patterns match, once per name
	 * rather than once per pattern.
	 * @param dnsName a DNS subject alternative name
	 * @return the name ASCII lower-cased, or {@code null} if it is not a valid host name,
	 * such as a wildcard name, and so matches no pattern
	 */
	static @Nullable String hostName(String dnsName) {
		return isHostName(dnsName) ? Ascii.toLowerCase(dnsName) : null;
	}

	/**
	 * Returns whether a host name matches this pattern.
	 * @param hostName a DNS subject alternative name as returned by
	 * {@link #hostName(String)}
	 * @return {@code true} on a match
	 */
	boolean matches(String hostName) {
		if (!this.wildcard) {
			return hostName.equals(this.name);
		}
		int parentStart = hostName.indexOf('.') + 1;
		return parentStart > 1 && hostName.length() - parentStart == this.name.length()
				&& hostName.startsWith(this.name, parentStart);
	}

	private static boolean isHostName(String name) {
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			return false;
		}
		int labelStart = 0;
		for (int i = 0; i <= name.length(); i++) {
			if (i == name.length() || name.charAt(i) == '.') {
				if (!isLabel(name, labelStart, i)) {
					return false;
				}
				labelStart = i + 1;
			}
		}
		return true;
	}

	private static boolean isLabel(String name, int start, int end) {
		if (start == end || end - start > MAX_LABEL_LENGTH || name.charAt(start) == '-'
				|| name.charAt(end - 1) == '-') {
			return false;
		}
		for (int i = start; i < end; i++) {
			char character = name.charAt(i);
			if (!((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
					|| (character >= '0' && character <= '9') || character == '-')) {
				return false;
			}
		}
		return true;
	}

}
