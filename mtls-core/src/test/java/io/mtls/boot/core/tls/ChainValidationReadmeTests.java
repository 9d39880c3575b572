package io.mtls.boot.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's table of how client chains are judged, beside {@code openssl verify}, is
 * the list of {@link ChainCases}: each row is a case that the handshake tests and
 * {@link ChainCasesOpensslTests} prove.
 */
class ChainValidationReadmeTests {

	@Test
	void readmeTableIsTheChainCases() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String section = readme.substring(readme.indexOf("### How the starter validates client chains"));
		section = section.substring(0, section.indexOf("\n### ", 1));
		List<String> documented = section.lines()
			.filter((line) -> line.startsWith("| ") && !line.startsWith("| chain"))
			.toList();
		List<String> expected = Stream
			.concat(ChainCases.standard().map((c) -> row(c, "standard")),
					ChainCases.strict().map((c) -> row(c, "strict")))
			.toList();
		assertThat(documented).as(String.join("\n", expected)).containsExactlyElementsOf(expected);
	}

	private static String row(ChainCases.Case chainCase, String validation) {
		String verdict = (chainCase.reason() != null) ? "refused: `" + chainCase.reason().code() + "`" : "accepted";
		String flags = chainCase.opensslFlags().isEmpty() ? ""
				: "`" + String.join(" ", chainCase.opensslFlags()) + "`: ";
		return "| " + chainCase.name() + " | " + validation + " | " + verdict + " | " + flags
				+ chainCase.opensslVerdict() + " |";
	}

}
