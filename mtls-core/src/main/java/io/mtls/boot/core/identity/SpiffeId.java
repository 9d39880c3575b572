package io.mtls.boot.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

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

	/** The URI parsed, which is the prefix, trust domain and path. */
	private final String uri;

	private final String trustDomain;

	private final String path;

	private final List<String> segments;

	private SpiffeId(String uri, String trustDomain, String path, List<String> segments) {
		this.uri = uri;
		this.trustDomain = trustDomain;
		this.path = path;
		this.segments = segments;
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
		int slash = uri.indexOf('/', PREFIX.length());
		String trustDomain = (slash < 0) ? uri.substring(PREFIX.length()) : uri.substring(PREFIX.length(), slash);
		String path = (slash < 0) ? "" : uri.substring(slash);
		List<String> segments = segments(path);
		if (!isTrustDomain(trustDomain) || segments == null) {
			return Optional.empty();
		}
		return Optional.of(new SpiffeId(uri, trustDomain, path, segments));
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
	 * Returns the segments of the path, for matching.
	 * @return the segments, empty for the ID of a trust domain itself
	 */
	List<String> segments() {
		return this.segments;
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
		return this.uri;
	}

	private static boolean isTrustDomain(String trustDomain) {
		if (trustDomain.isEmpty() || trustDomain.length() > MAX_TRUST_DOMAIN_LENGTH) {
			return false;
		}
		for (int i = 0; i < trustDomain.length(); i++) {
			char character = trustDomain.charAt(i);
			if (!((character >= 'a' && character <= 'z') || (character >= '0' && character <= '9') || character == '.'
					|| character == '-' || character == '_')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Splits a path into its segments.
	 * @param path the path, empty or starting with {@code /}
	 * @return the segments, or {@code null} if one of them is invalid, including the
	 * empty segment a trailing {@code /} leaves
	 */
	private static @Nullable List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		int start = 1;
		while (start <= path.length()) {
			int slash = path.indexOf('/', start);
			int end = (slash < 0) ? path.length() : slash;
			String segment = path.substring(start, end);
			if (!isSegment(segment)) {
				return null;
			}
			segments.add(segment);
			start = end + 1;
		}
		return List.copyOf(segments);
	}

	private static boolean isSegment(String segment) {
		if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
			return false;
		}
		for (int i = 0; i < segment.length(); i++) {
			char character = segment.charAt(i);
			if (!((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z')
					|| (character >= '0' && character <= '9') || character == '.' || character == '-'
					|| character == '_')) {
				return false;
			}
		}
		return true;
	}

}
