package io.mtls.boot.core.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Wildcard matching of rule values.
 */
class GlobTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			abc     | abc      | true
			abc     | abd      | false
			abc     | ab       | false
			*       | ``       | true
			*       | anything | true
			a*c     | ac       | true
			a*c     | aXYZc    | true
			a*c     | aXYZ     | false
			a*b*c   | aXbYbZc  | true
			*.org   | x.org.uk | false
			*ab     | abab     | true
			*a      | bab      | false
			""")
	void starMatchesAnyRun(String pattern, String candidate, boolean matches) {
		assertThat(Glob.matches(pattern, candidate)).isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/a/*    | /a/b     | true
			/a/*    | /a/b/c   | false
			/a/*/c  | /a/b/c   | true
			/*      | /a/b     | false
			""")
	void starDoesNotCrossTheSeparator(String pattern, String candidate, boolean matches) {
		assertThat(Glob.matches(pattern, candidate, '/')).isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/a/**      | /a          | true
			/a/**      | /a/b/c      | true
			/a/**      | /ab         | false
			/**/c      | /a/b/c      | true
			/**/c      | /c          | true
			/**/c      | /a/b/c/d    | false
			/a/**/*/d  | /a/d        | false
			/a/**/*/d  | /a/x/d      | true
			/a/**/**/d | /a/x/y/z/d  | true
			""")
	void doubleStarSegmentMatchesAnyNumberOfSegments(String pattern, String candidate, boolean matches) {
		assertThat(Glob.matches(pattern, candidate, '/')).isEqualTo(matches);
	}

	@Test
	void manyStarsDoNotBacktrackExponentially() {
		String candidate = "a".repeat(20_000);

		assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertThat(Glob.matches("*a*a*a*a*a*a*a*a*b", candidate)).isFalse());
	}

}
