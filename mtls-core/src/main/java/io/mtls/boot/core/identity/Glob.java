package io.mtls.boot.core.identity;

/**
 * Wildcard matching for rule values, where {@code *} matches any run of characters,
 * possibly empty, and every other character matches only itself, compared exactly. In
 * patterns of separated segments, a whole segment {@code **} matches any number of whole
 * segments.
 */
final class Glob {

	private static final char WILDCARD = '*';

	private static final String ANY_SEGMENTS = "**";

	private Glob() {
	}

	/**
	 * Returns whether a candidate matches a pattern in which {@code *} matches any run of
	 * characters.
	 * @param pattern the pattern
	 * @param candidate the text to match
	 * @return {@code true} on a match
	 */
	static boolean matches(String pattern, String candidate) {
		return matches(pattern, 0, pattern.length(), candidate, 0, candidate.length());
	}

	/**
	 * Returns whether part of a candidate matches a pattern in which {@code *} matches
	 * any run of characters.
	 * @param pattern the pattern
	 * @param candidate the text holding the part to match
	 * @param start the index of the part's first character
	 * @param end the index after the part's last character
	 * @return {@code true} on a match
	 */
	static boolean matches(String pattern, String candidate, int start, int end) {
		return matches(pattern, 0, pattern.length(), candidate, start, end);
	}

	/**
	 * Returns whether a candidate matches a pattern of separated segments, in which a
	 * whole segment {@code **} matches any number of whole segments (zero included, with
	 * their separators) and otherwise {@code *} matches any run of characters other than
	 * the separator.
	 * @param pattern the pattern, whose {@code **} are whole segments (see
	 * {@link #checkAnySegmentsAreWhole})
	 * @param candidate the text to match
	 * @param separator the character no {@code *} may cross, such as {@code /}
	 * @return {@code true} on a match
	 */
	static boolean matches(String pattern, String candidate, char separator) {
		int patternStart = 0;
		int candidateStart = 0;
		// the pattern segment after the last '**', and the candidate segment it would
		// take
		// next
		int afterAnySegments = -1;
		int resumeAt = -1;
		while (candidateStart <= candidate.length()) {
			if (patternStart <= pattern.length()) {
				int patternEnd = segmentEnd(pattern, patternStart, separator);
				if (isAnySegments(pattern, patternStart, patternEnd)) {
					afterAnySegments = patternEnd + 1;
					resumeAt = candidateStart;
					patternStart = afterAnySegments;
					continue;
				}
				int candidateEnd = segmentEnd(candidate, candidateStart, separator);
				if (matches(pattern, patternStart, patternEnd, candidate, candidateStart, candidateEnd)) {
					patternStart = patternEnd + 1;
					candidateStart = candidateEnd + 1;
					continue;
				}
			}
			if (afterAnySegments < 0) {
				return false;
			}
			// let the last '**' take one more segment and retry from there
			resumeAt = segmentEnd(candidate, resumeAt, separator) + 1;
			candidateStart = resumeAt;
			patternStart = afterAnySegments;
		}
		// the candidate ran out of segments: so must the pattern, but for '**'
		while (patternStart <= pattern.length()) {
			int patternEnd = segmentEnd(pattern, patternStart, separator);
			if (!isAnySegments(pattern, patternStart, patternEnd)) {
				return false;
			}
			patternStart = patternEnd + 1;
		}
		return true;
	}

	/**
	 * Checks that every {@code **} of a pattern is a whole segment.
	 * @param pattern the pattern
	 * @param separator the segment separator
	 * @param example a pattern to show in the message, such as
	 * {@code spiffe://example.org/ns/ops/**}
	 * @throws IllegalArgumentException if a segment holds {@code **} and more
	 */
	static void checkAnySegmentsAreWhole(String pattern, char separator, String example) {
		int start = 0;
		while (start <= pattern.length()) {
			int end = segmentEnd(pattern, start, separator);
			if (pattern.substring(start, end).contains(ANY_SEGMENTS) && !isAnySegments(pattern, start, end)) {
				throw new IllegalArgumentException("'**' must be a whole path segment, as in " + example);
			}
			start = end + 1;
		}
	}

	private static boolean isAnySegments(String pattern, int start, int end) {
		return end - start == 2 && pattern.charAt(start) == WILDCARD && pattern.charAt(start + 1) == WILDCARD;
	}

	private static int segmentEnd(String text, int start, char separator) {
		int separatorIndex = text.indexOf(separator, start);
		return (separatorIndex < 0) ? text.length() : separatorIndex;
	}

	private static boolean matches(String pattern, int patternStart, int patternEnd, String candidate,
			int candidateStart, int candidateEnd) {
		int patternIndex = patternStart;
		int candidateIndex = candidateStart;
		int lastWildcard = -1;
		int resumeAt = candidateStart;
		while (candidateIndex < candidateEnd) {
			if (patternIndex < patternEnd && pattern.charAt(patternIndex) == WILDCARD) {
				lastWildcard = patternIndex++;
				resumeAt = candidateIndex;
			}
			else if (patternIndex < patternEnd && pattern.charAt(patternIndex) == candidate.charAt(candidateIndex)) {
				patternIndex++;
				candidateIndex++;
			}
			else if (lastWildcard >= 0) {
				// let the last wildcard swallow one more character and retry from there
				patternIndex = lastWildcard + 1;
				candidateIndex = ++resumeAt;
			}
			else {
				return false;
			}
		}
		while (patternIndex < patternEnd && pattern.charAt(patternIndex) == WILDCARD) {
			patternIndex++;
		}
		return patternIndex == patternEnd;
	}

}
