package io.mtls.boot.core.identity;

import java.util.Objects;
import java.util.Optional;

/**
 * A SPIFFE ID ({@code spiffe://trust-domain/path}) validated strictly against the SPIFFE
 * ID specification: lower-case scheme and trust domain, no user info, port, query,
 * fragment or percent-encoding, and a path of non-empty segments other than {@code .} and
 * {@code ..}.
 */
public final class SpiffeId {

	private static final String PREFIX = "spiffe://";

	private static final int MAX_LENGTH = 2048;

	private static final int MAX_TRUST_DOMAIN_LENGTH = 255;

	private final String trustDomain;

	private final String path;

	private SpiffeId(String trustDomain, String path) {
		this.trustDomain = trustDomain;
		this.path = path;
	}

	/**
	 * Parses a URI as a SPIFFE ID.
	 * @param uri the URI, such as {@code spiffe://example.org/ns/prod/sa/billing}
	 * @return the SPIFFE ID, or empty if the URI is {@code null} or not a valid SPIFFE ID
	 */
	public static Optional<SpiffeId> parse(String uri) {
		if (uri == null || uri.length() > MAX_LENGTH || !uri.startsWith(PREFIX)) {
			return Optional.empty();
		}
		String authorityAndPath = uri.substring(PREFIX.length());
		int slash = authorityAndPath.indexOf('/');
		String trustDomain = (slash < 0) ? authorityAndPath : authorityAndPath.substring(0, slash);
		String path = (slash < 0) ? "" : authorityAndPath.substring(slash);
		if (!isTrustDomain(trustDomain) || !isPath(path)) {
			return Optional.empty();
		}
		return Optional.of(new SpiffeId(trustDomain, path));
	}

	/**
	 * Returns the trust domain, the URI's authority.
	 * @return the trust domain, such as {@code example.org}
	 */
	public String trustDomain() {
		return this.trustDomain;
	}

	/**
	 * Returns the path.
	 * @return the path starting with {@code /}, such as {@code /ns/prod}, or an empty
	 * string for the ID of a trust domain itself
	 */
	public String path() {
		return this.path;
	}

	/**
	 * Returns whether another SPIFFE ID has the same trust domain and path.
	 */
	@Override
	public boolean equals(Object other) {
		return (other instanceof SpiffeId id) && this.trustDomain.equals(id.trustDomain) && this.path.equals(id.path);
	}

	/**
	 * Returns a hash code consistent with {@link #equals(Object)}.
	 */
	@Override
	public int hashCode() {
		return Objects.hash(this.trustDomain, this.path);
	}

	/**
	 * Returns the SPIFFE ID as a URI string.
	 * @return the URI, such as {@code spiffe://example.org/ns/prod}
	 */
	@Override
	public String toString() {
		return PREFIX + this.trustDomain + this.path;
	}

	private static boolean isTrustDomain(String trustDomain) {
		if (trustDomain.isEmpty() || trustDomain.length() > MAX_TRUST_DOMAIN_LENGTH) {
			return false;
		}
		return trustDomain.chars()
			.allMatch((character) -> (character >= 'a' && character <= 'z') || (character >= '0' && character <= '9')
					|| character == '.' || character == '-' || character == '_');
	}

	private static boolean isPath(String path) {
		if (path.isEmpty()) {
			return true;
		}
		// the limit -1 keeps the empty segment a trailing '/' would produce
		for (String segment : path.substring(1).split("/", -1)) {
			if (!isSegment(segment)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSegment(String segment) {
		if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
			return false;
		}
		return segment.chars()
			.allMatch((character) -> (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
					|| (character >= '0' && character <= '9') || character == '.' || character == '-'
					|| character == '_');
	}

}
