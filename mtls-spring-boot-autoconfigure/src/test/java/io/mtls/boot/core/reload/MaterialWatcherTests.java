package io.mtls.boot.core.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debouncing, symlink swaps and the polling fallback of {@link MaterialWatcher}, plus
 * what {@link MaterialFingerprint} treats as a change.
 */
class MaterialWatcherTests {

	private static final Duration QUIET = Duration.ofMillis(300);

	private static final Duration NO_POLL = Duration.ofHours(1);

	@TempDir
	Path directory;

	private final AtomicInteger callbacks = new AtomicInteger();

	@Test
	void aBurstOfWritesCausesOneCallback() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(Set.of(file), NO_POLL)) {
			for (int i = 1; i <= 20; i++) {
				Files.writeString(file, "v" + i);
				Thread.sleep(10);
			}
			Thread.sleep(QUIET.toMillis() * 4);
			assertThat(this.callbacks).hasValue(1);
		}
	}

	@Test
	void everyKubernetesDataSwapCausesACallback() throws Exception {
		Files.createDirectories(this.directory.resolve("..v0"));
		Files.createSymbolicLink(this.directory.resolve("..data"), Path.of("..v0"));
		Path visible = Files.createSymbolicLink(this.directory.resolve("tls.crt"), Path.of("..data", "tls.crt"));
		try (MaterialWatcher watcher = start(Set.of(this.directory), NO_POLL)) {
			for (int swap = 1; swap <= 3; swap++) {
				Path version = Files.createDirectories(this.directory.resolve("..v" + swap));
				Files.writeString(version.resolve("tls.crt"), "v" + swap);
				Path temporary = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), version.getFileName());
				Files.move(temporary, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
				Thread.sleep(QUIET.toMillis() * 4);
				assertThat(this.callbacks).as("callbacks after swap %d", swap).hasValue(swap);
				assertThat(Files.readString(visible)).isEqualTo("v" + swap);
			}
		}
	}

	@Test
	void anEditorsTempFileRenameCausesACallback() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(Set.of(file), NO_POLL)) {
			Path temporary = Files.writeString(this.directory.resolve("tls.crt~"), "v1");
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			Thread.sleep(QUIET.toMillis() * 4);
			assertThat(this.callbacks).hasValue(1);
		}
	}

	@Test
	void pollsWithoutEvents() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(Set.of(file), Duration.ofMillis(100))) {
			long deadline = System.nanoTime() + 5_000_000_000L;
			while (this.callbacks.get() < 3 && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(this.callbacks.get()).as("polls without any file event").isGreaterThanOrEqualTo(3);
		}
	}

	@Test
	void fingerprintChangesWithContentAndSymlinkTargetsButNotWithHiddenFiles() throws Exception {
		Path file = Files.writeString(this.directory.resolve("ca.crt"), "a");
		List<Path> paths = List.of(this.directory);
		String initial = MaterialFingerprint.of(paths);
		Files.writeString(this.directory.resolve(".hidden"), "x");
		assertThat(MaterialFingerprint.of(paths)).isEqualTo(initial);
		Files.writeString(file, "b");
		assertThat(MaterialFingerprint.of(paths)).isNotEqualTo(initial);
		String present = MaterialFingerprint.of(List.of(file));
		Files.delete(file);
		assertThat(MaterialFingerprint.of(List.of(file))).isNotEqualTo(present);
	}

	private MaterialWatcher start(Set<Path> paths, Duration pollInterval) throws Exception {
		MaterialWatcher watcher = new MaterialWatcher(paths, QUIET, pollInterval, this.callbacks::incrementAndGet);
		watcher.start();
		return watcher;
	}

}
