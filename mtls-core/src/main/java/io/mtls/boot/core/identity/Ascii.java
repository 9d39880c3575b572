package io.mtls.boot.core.identity;

/**
 * ASCII-only case folding for host names and hex, so that no non-ASCII character (such as
 * the Kelvin sign, which {@link String#toLowerCase()} folds to {@code k}) can become
 * equal to an ASCII one.
 */
final class Ascii {

	private Ascii() {
	}

	/**
	 * Lower-cases {@code A} to {@code Z} and leaves every other character as it is.
	 * @param text the text
	 * @return the text with ASCII upper-case letters lower-cased
	 */
	static String toLowerCase(String text) {
		StringBuilder lowerCase = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char character = text.charAt(i);
			lowerCase.append((character >= 'A' && character <= 'Z') ? (char) (character + ('a' - 'A')) : character);
		}
		return lowerCase.toString();
	}

}
