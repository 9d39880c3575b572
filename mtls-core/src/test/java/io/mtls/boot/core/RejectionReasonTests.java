package io.mtls.boot.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of rejection reasons is the public list of codes: it must name every
 * code of {@link RejectionReason}, in order, at its stage, and nothing else.
 */
class RejectionReasonTests {

	private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z-]+)` \\| (\\w+)", Pattern.MULTILINE);

	@Test
	void readmeTableListsEveryCodeAtItsStage() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String section = readme.substring(readme.indexOf("### Rejection reasons"));
		section = section.substring(0, section.indexOf("\n### ", 1));
		Matcher rows = TABLE_ROW.matcher(section);
		StringBuilder documented = new StringBuilder();
		while (rows.find()) {
			documented.append(rows.group(1)).append(' ').append(rows.group(2)).append('\n');
		}
		List<String> expected = Arrays.stream(RejectionReason.values())
			.map((reason) -> reason.code() + " " + reason.stage().name().toLowerCase(Locale.ROOT))
			.toList();
		assertThat(documented.toString().lines().toList()).containsExactlyElementsOf(expected);
	}

	@Test
	void codesAreUniqueKebabCase() {
		assertThat(Arrays.stream(RejectionReason.values()).map(RejectionReason::code)).doesNotHaveDuplicates()
			.allMatch((code) -> code.matches("[a-z]+(-[a-z]+)*"));
	}

}
