package io.mtls.boot.core.identity;

import java.util.List;

/**
 * A {@code spiffe://trust-domain/path} pattern matched against a validated SPIFFE ID: the
 * trust domain exactly, and each path segment exactly or, when written as {@code *}, any
 * one segment, or, when written as {@code **}, any number of segments (zero included, so
 * {@code spiffe://example.org/ns/ops/**} matches {@code spiffe://example.org/ns/ops}
 * too). Without {@code **} the pattern and the ID must have the same number of segments.
 */
final class SpiffeIdPattern {

	private static final String PREFIX = "spiffe://";

	private static final String ANY_SEGMENT = "*";

	private static final String ANY_SEGMENTS = "**";

	private final String trustDomain;

	private final List<String> segments;

	private SpiffeIdPattern(String trustDomain, List<String> segments) {
		this.trustDomain = trustDomain;
		this.segments = segments;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern a pattern such as {@code spiffe://example.org/ns/*}
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the pattern is not a valid SPIFFE ID once its
	 * wildcards are filled in, has a wildcard in the trust domain, or has one inside a
	 * segment
	 */
	static SpiffeIdPattern compile(String pattern) {
		SpiffeId example = validExample(pattern);
		List<String> segments = segments(pattern.substring(PREFIX.length() + example.trustDomain().length()));
		Glob.checkAnySegmentsAreWhole(pattern, '/', "spiffe://example.org/ns/ops/**");
		if (segments.stream()
			.anyMatch((segment) -> segment.contains(ANY_SEGMENT) && !segment.equals(ANY_SEGMENT)
					&& !segment.equals(ANY_SEGMENTS))) {
			throw new IllegalArgumentException(
					"'*' must be a whole path segment, as in spiffe://example.org/ns/*/sa/billing");
		}
		return new SpiffeIdPattern(example.trustDomain(), segments);
	}

	/**
	 * Checks that a pattern whose wildcards are filled in is a valid SPIFFE ID and that
	 * its trust domain, a security boundary, is written out without wildcards.
	 * @param pattern the pattern starting with {@code spiffe://}
	 * @return the SPIFFE ID the pattern becomes when every {@code *} is replaced
	 * @throws IllegalArgumentException if it is not
	 */
	static SpiffeId validExample(String pattern) {
		SpiffeId example = SpiffeId.parse(pattern.replace('*', 'x'))
			.orElseThrow(() -> new IllegalArgumentException("not a valid SPIFFE ID: write spiffe://trust-domain/path"
					+ " with a lower-case trust domain of a-z, 0-9, '.', '-', '_' and path segments of letters,"
					+ " digits, '.', '-', '_', without port, query, percent-encoding, '..' or trailing '/'"));
		if (pattern.substring(PREFIX.length(), PREFIX.length() + example.trustDomain().length()).contains("*")) {
			throw new IllegalArgumentException("the trust domain must be written out without '*'");
		}
		return example;
	}

	/**
	 * Returns whether a SPIFFE ID matches this pattern.
	 * @param spiffeId a validated SPIFFE ID
	 * @return {@code true} on a match
	 */
	boolean matches(SpiffeId spiffeId) {
		if (!spiffeId.trustDomain().equals(this.trustDomain)) {
			return false;
		}
		List<String> candidate = spiffeId.segments();
		int patternIndex = 0;
		int candidateIndex = 0;
		// the pattern segment after the last '**', and the candidate segment it would
		// take
		// next
		int afterAnySegments = -1;
		int resumeAt = 0;
		while (candidateIndex < candidate.size()) {
			String segment = (patternIndex < this.segments.size()) ? this.segments.get(patternIndex) : null;
			if (ANY_SEGMENTS.equals(segment)) {
				afterAnySegments = ++patternIndex;
				resumeAt = candidateIndex;
			}
			else if (segment != null
					&& (segment.equals(ANY_SEGMENT) || segment.equals(candidate.get(candidateIndex)))) {
				patternIndex++;
				candidateIndex++;
			}
			else if (afterAnySegments >= 0) {
				// let the last '**' take one more segment and retry from there
				patternIndex = afterAnySegments;
				candidateIndex = ++resumeAt;
			}
			else {
				return false;
			}
		}
		while (patternIndex < this.segments.size() && this.segments.get(patternIndex).equals(ANY_SEGMENTS)) {
			patternIndex++;
		}
		return patternIndex == this.segments.size();
	}

	private static List<String> segments(String path) {
		return path.isEmpty() ? List.of() : List.of(path.substring(1).split("/"));
	}

}
