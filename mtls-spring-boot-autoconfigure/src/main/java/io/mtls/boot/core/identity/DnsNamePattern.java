package io.mtls.boot.core.identity;

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
	 * Returns whether a DNS name matches this pattern; names that are not valid host
	 * names, including wildcard names, never match.
	 * @param dnsName a DNS subject alternative name
	 * @return {@code true} on a match
	 */
	boolean matches(String dnsName) {
		if (!isHostName(dnsName)) {
			return false;
		}
		String candidate = Ascii.toLowerCase(dnsName);
		if (!this.wildcard) {
			return candidate.equals(this.name);
		}
		int firstDot = candidate.indexOf('.');
		return firstDot > 0 && candidate.substring(firstDot + 1).equals(this.name);
	}

	private static boolean isHostName(String name) {
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			return false;
		}
		for (String label : name.split("\\.", -1)) {
			if (!isLabel(label)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isLabel(String label) {
		if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
			return false;
		}
		return label.chars()
			.allMatch((character) -> (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
					|| (character >= '0' && character <= '9') || character == '-');
	}

}
