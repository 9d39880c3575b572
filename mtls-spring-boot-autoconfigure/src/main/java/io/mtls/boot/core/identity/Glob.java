package io.mtls.boot.core.identity;

import java.util.regex.Pattern;

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
		int patternIndex = 0;
		int candidateIndex = 0;
		int lastWildcard = -1;
		int resumeAt = 0;
		while (candidateIndex < candidate.length()) {
			if (patternIndex < pattern.length() && pattern.charAt(patternIndex) == WILDCARD) {
				lastWildcard = patternIndex++;
				resumeAt = candidateIndex;
			}
			else if (patternIndex < pattern.length()
					&& pattern.charAt(patternIndex) == candidate.charAt(candidateIndex)) {
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
		while (patternIndex < pattern.length() && pattern.charAt(patternIndex) == WILDCARD) {
			patternIndex++;
		}
		return patternIndex == pattern.length();
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
		String separatorRegex = Pattern.quote(String.valueOf(separator));
		String[] patternSegments = pattern.split(separatorRegex, -1);
		String[] candidateSegments = candidate.split(separatorRegex, -1);
		if (patternSegments.length != candidateSegments.length) {
			return false;
		}
		for (int i = 0; i < patternSegments.length; i++) {
			if (!matches(patternSegments[i], candidateSegments[i])) {
				return false;
			}
		}
		return true;
	}

}
