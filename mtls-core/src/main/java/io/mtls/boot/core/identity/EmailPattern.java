package io.mtls.boot.core.identity;

import org.jspecify.annotations.Nullable;

/**
 * A {@code local@domain} pattern matched against e-mail subject alternative names: the
 * local part exactly, the domain case-insensitively (ASCII only), and {@code *} matching
 * any run of characters without {@code @} within either part.
 */
final class EmailPattern {

	private final String localPart;

	private final String domain;

	private EmailPattern(String localPart, String domain) {
		this.localPart = localPart;
		this.domain = domain;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern an address pattern such as {@code *@example.org}
	 * @return the compiled pattern
	 * @throws IllegalArgumentException unless the pattern is a non-empty local part and
	 * domain joined by one {@code @}, without whitespace
	 */
	static EmailPattern compile(String pattern) {
		int at = pattern.indexOf('@');
		if (at <= 0 || at != pattern.lastIndexOf('@') || at == pattern.length() - 1
				|| pattern.chars().anyMatch(Character::isWhitespace)) {
			throw new IllegalArgumentException(
					"write local-part@domain with exactly one '@' and no whitespace, such as alice@example.org or *@example.org");
		}
		return new EmailPattern(pattern.substring(0, at), Ascii.toLowerCase(pattern.substring(at + 1)));
	}

	/**
	 * Returns an e-mail subject alternative name in the form patterns match, once per
	 * address rather than once per pattern.
	 * @param email an e-mail subject alternative name
	 * @return the address with its domain ASCII lower-cased, or {@code null} if it has
	 * not exactly one {@code @} and so matches no pattern
	 */
	static @Nullable String address(String email) {
		int at = email.indexOf('@');
		if (at < 0 || at != email.lastIndexOf('@')) {
			return null;
		}
		return email.substring(0, at + 1) + Ascii.toLowerCase(email.substring(at + 1));
	}

	/**
	 * Returns whether an e-mail address matches this pattern.
	 * @param address an e-mail subject alternative name as returned by
	 * {@link #address(String)}
	 * @return {@code true} on a match
	 */
	boolean matches(String address) {
		int at = address.indexOf('@');
		return Glob.matches(this.localPart, address, 0, at)
				&& Glob.matches(this.domain, address, at + 1, address.length());
	}

}
