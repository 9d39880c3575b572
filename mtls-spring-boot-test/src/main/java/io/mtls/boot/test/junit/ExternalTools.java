package io.mtls.boot.test.junit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the external programs a test drives ({@code curl}, {@code openssl},
 * {@code nginx}...). A missing program fails the test on a CI machine (where the
 * environment variable {@code CI} is {@code true}, and the build must install it) and
 * skips it elsewhere, with a message that names the program either way.
 */
public final class ExternalTools {

	private ExternalTools() {
	}

	/**
	 * Returns the program's path on {@code PATH}, or ends the test.
	 * @param program the program's name, such as {@code openssl}
	 * @return its path
	 */
	public static Path require(String program) {
		return find(program, System.getenv("PATH")).orElseGet(() -> missing(program, System.getenv("CI")));
	}

	static Optional<Path> find(String program, String searchPath) {
		if (searchPath == null) {
			return Optional.empty();
		}
		return Stream.of(searchPath.split(File.pathSeparator))
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, program))
			.filter(Files::isExecutable)
			.findFirst();
	}

	static Path missing(String program, @Nullable String ci) {
		return unavailable("'" + program + "' is not installed (not found on PATH)", "Install it to run it.", ci);
	}

	/**
	 * Ends the test because something it needs is missing: fails it on a CI machine
	 * (environment variable {@code CI} or system property
	 * {@code mtls.test.docker.required} is {@code true}), skips it elsewhere.
	 * @param what what is missing and why it is needed
	 * @param fix how to get it
	 */
	public static void unavailable(String what, String fix) {
		String required = Boolean.getBoolean("mtls.test.docker.required") ? "true" : System.getenv("CI");
		unavailable(what, fix, required);
	}

	static <V> V unavailable(String what, String fix, @Nullable String ci) {
		if ("true".equalsIgnoreCase(ci)) {
			throw new AssertionError(what + "; CI must provide it (see .ci/run). " + fix);
		}
		return Assumptions.abort(what + "; skipping this test. " + fix);
	}

}
