package io.mtls.boot.core.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * An absolute URI pattern matched against URI subject alternative names, exactly except
 * that a whole path segment {@code **} matches any number of whole segments (zero
 * included, so {@code .../ns/ops/**} matches {@code .../ns/ops} too) and otherwise
 * {@code *} matches any run of characters other than {@code /}.
 * <p>
 * A pattern with the {@code spiffe} scheme is matched only against the validated SPIFFE
 * ID, so an invalid or ambiguous {@code spiffe:} URI never matches; its trust domain must
 * be written out. The scheme of any pattern must be written out, so no pattern of another
 * scheme can match a {@code spiffe:} URI.
 */
final class UriPattern {

	private static final String SPIFFE_SCHEME = "spiffe";

	private final String pattern;

	private final boolean spiffe;

	private UriPattern(String pattern, boolean spiffe) {
		this.pattern = pattern;
		this.spiffe = spiffe;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern a URI pattern such as {@code spiffe://example.org/ns/*} or
	 * {@code urn:example:client:*}
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the pattern is not an absolute URI once its
	 * wildcards are filled in, has a wildcard in its scheme, or a {@code **} that is not
	 * a whole path segment
	 */
	static UriPattern compile(String pattern) {
		int colon = pattern.indexOf(':');
		if (colon <= 0) {
			throw new IllegalArgumentException("not an absolute URI, write the scheme too, as in"
					+ " spiffe://example.org/ns/* or urn:example:client:*");
		}
		String scheme = pattern.substring(0, colon);
		if (scheme.contains("*")) {
			throw new IllegalArgumentException("the scheme '" + scheme + "' must be written out without '*'");
		}
		Glob.checkAnySegmentsAreWhole(pattern, '/', "spiffe://example.org/ns/ops/** or https://example.org/users/**");
		if (scheme.equalsIgnoreCase(SPIFFE_SCHEME)) {
			SpiffeIdPattern.validExample(pattern);
			return new UriPattern(pattern, true);
		}
		try {
			new URI(pattern.replace('*', 'x'));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("not a valid URI (" + ex.getReason() + ")");
		}
		return new UriPattern(pattern, false);
	}

	/**
	 * Returns whether any URI of the identity matches; for a {@code spiffe} pattern, only
	 * the validated SPIFFE ID is considered.
	 * @param identity the client identity
	 * @return {@code true} on a match
	 */
	boolean matches(ClientIdentity identity) {
		if (this.spiffe) {
			Optional<SpiffeId> spiffeId = identity.spiffeId();
			return spiffeId.isPresent() && matches(spiffeId.get().toString());
		}
		for (String uri : identity.uris()) {
			if (matches(uri)) {
				return true;
			}
		}
		return false;
	}

	private boolean matches(String uri) {
		return Glob.matches(this.pattern, uri, '/');
	}

}
