package io.mtls.boot.core.identity;

/**
 * Wildcard matching for rule values, where {@code *} matches any run of characters,
 * possibly empty, and every other character matches only itself, compared exactly.
 */
final class Glob {

	private static final char WILDCARD = '*';

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
	 * Returns whether a candidate matches a pattern in which {@code *} matches any run of
	 * characters other than the separator.
	 * @param pattern the pattern
	 * @param candidate the text to match
	 * @param separator the character no wildcard may cross, such as {@code /}
	 * @return {@code true} on a match
	 */
	static boolean matches(String pattern, String candidate, char separator) {
		int patternStart = 0;
		int candidateStart = 0;
		while (true) {
			int patternEnd = segmentEnd(pattern, patternStart, separator);
			int candidateEnd = segmentEnd(candidate, candidateStart, separator);
			if (!matches(pattern, patternStart, patternEnd, candidate, candidateStart, candidateEnd)) {
				return false;
			}
			boolean patternEnded = patternEnd == pattern.length();
			boolean candidateEnded = candidateEnd == candidate.length();
			if (patternEnded || candidateEnded) {
				// both must run out of segments together
				return patternEnded && candidateEnded;
			}
			patternStart = patternEnd + 1;
			candidateStart = candidateEnd + 1;
		}
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
