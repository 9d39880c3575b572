package io.mtls.boot.core.tls;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * Runs the real {@code openssl} binary. Core tests cannot use the test-support module's
 * {@code ExternalTools}, so this keeps its rule: a missing program fails the test on CI
 * ({@code CI=true}) and skips it elsewhere.
 */
final class Openssl {

	private Openssl() {
	}

	/**
	 * Runs {@code openssl} with the given arguments.
	 * @param arguments the arguments
	 * @return the result; standard error is merged into standard output
	 */
	static Result run(List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(executable().toString());
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path executable() {
		String searchPath = System.getenv("PATH");
		return Stream.of((searchPath != null) ? searchPath.split(File.pathSeparator) : new String[0])
			.filter((directory) -> !directory.isEmpty())
			.map((directory) -> Path.of(directory, "openssl"))
			.filter(Files::isExecutable)
			.findFirst()
			.orElseGet(Openssl::missing);
	}

	private static Path missing() {
		String message = "'openssl' is not installed (not found on PATH)";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new AssertionError(message + "; CI must install it (see .ci/run)");
		}
		Assumptions.abort(message + "; skipping this test. Install it to run it.");
		return null;
	}

	/**
	 * What {@code openssl} did.
	 *
	 * @param exitCode the exit code
	 * @param output standard output and standard error
	 */
	record Result(int exitCode, String output) {

	}

}
