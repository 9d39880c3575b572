package io.mtls.boot.test.junit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExternalToolsTest {

	@Test
	void findsAnExecutableOnTheSearchPath(@TempDir Path directory) throws IOException {
		Path tool = Files.createFile(directory.resolve("tool"),
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
		assertThat(ExternalTools.find("tool", "/nonexistent:" + directory)).contains(tool);
	}

	@Test
	void ignoresAFileThatIsNotExecutable(@TempDir Path directory) throws IOException {
		Files.createFile(directory.resolve("tool"));
		assertThat(ExternalTools.find("tool", directory.toString())).isEmpty();
	}

	@Test
	void missingToolFailsInCi() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> ExternalTools.missing("nginx", "true"))
			.withMessage(
					"'nginx' is not installed (not found on PATH); CI must provide it (see .ci/run). Install it to run it.");
	}

	@Test
	void missingToolSkipsElsewhere() {
		assertThatExceptionOfType(TestAbortedException.class).isThrownBy(() -> ExternalTools.missing("nginx", null))
			.withMessageContaining("'nginx' is not installed (not found on PATH); skipping this test");
	}

	@Test
	void missingServiceFailsWhenRequired() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ExternalTools.unavailable("Docker is not running", "Start it.", "true"))
			.withMessage("Docker is not running; CI must provide it (see .ci/run). Start it.");
	}

	@Test
	void missingServiceSkipsOtherwise() {
		assertThatExceptionOfType(TestAbortedException.class)
			.isThrownBy(() -> ExternalTools.unavailable("Docker is not running", "Start it.", "false"))
			.withMessage("Docker is not running; skipping this test. Start it.");
	}

}
