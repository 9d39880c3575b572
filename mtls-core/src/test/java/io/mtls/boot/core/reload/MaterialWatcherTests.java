package io.mtls.boot.core.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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

	// what the observed file held at each callback, as the reloader reads the material
	// then
	private final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();

	private Path observed;

	@Test
	void aBurstOfWritesCausesOneCallback() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(file, Set.of(file), NO_POLL)) {
			for (int i = 1; i <= 20; i++) {
				Files.writeString(file, "v" + i);
				// writes 10 ms apart, well inside the quiet period, are one burst
				Thread.sleep(10);
			}
			assertThat(nextCallback()).as("the first callback sees the last write").isEqualTo("v20");
			assertNoFurtherCallback();
		}
	}

	@Test
	void everyKubernetesDataSwapCausesACallback() throws Exception {
		Files.createDirectories(this.directory.resolve("..v0"));
		Files.createSymbolicLink(this.directory.resolve("..data"), Path.of("..v0"));
		Path visible = Files.createSymbolicLink(this.directory.resolve("tls.crt"), Path.of("..data", "tls.crt"));
		try (MaterialWatcher watcher = start(visible, Set.of(this.directory), NO_POLL)) {
			for (int swap = 1; swap <= 3; swap++) {
				Path version = Files.createDirectories(this.directory.resolve("..v" + swap));
				Files.writeString(version.resolve("tls.crt"), "v" + swap);
				Path temporary = Files.createSymbolicLink(this.directory.resolve("..data_tmp"), version.getFileName());
				Files.move(temporary, this.directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
				awaitCallbackSeeing("v" + swap);
			}
		}
	}

	@Test
	void anEditorsTempFileRenameCausesACallback() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(file, Set.of(file), NO_POLL)) {
			Path temporary = Files.writeString(this.directory.resolve("tls.crt~"), "v1");
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			assertThat(nextCallback()).isEqualTo("v1");
		}
	}

	@Test
	void pollsWithoutEvents() throws Exception {
		Path file = Files.writeString(this.directory.resolve("tls.crt"), "v0");
		try (MaterialWatcher watcher = start(file, Set.of(file), Duration.ofMillis(100))) {
			for (int poll = 1; poll <= 3; poll++) {
				assertThat(nextCallback()).as("poll %d without any file event", poll).isEqualTo("v0");
			}
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

	private MaterialWatcher start(Path observed, Set<Path> paths, Duration pollInterval) throws Exception {
		this.observed = observed;
		MaterialWatcher watcher = new MaterialWatcher(paths, QUIET, pollInterval,
				() -> this.callbacks.add(read(this.observed)));
		watcher.start();
		return watcher;
	}

	private String nextCallback() throws InterruptedException {
		String seen = this.callbacks.poll(5, TimeUnit.SECONDS);
		assertThat(seen).as("a callback within 5 s").isNotNull();
		return seen;
	}

	private void awaitCallbackSeeing(String content) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!content.equals(this.callbacks.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS))) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("no callback seeing '" + content + "' within 5 s");
			}
		}
	}

	private void assertNoFurtherCallback() throws InterruptedException {
		// a callback that must not come can only be ruled out for a while: two quiet
		// periods
		assertThat(this.callbacks.poll(QUIET.toMillis() * 2, TimeUnit.MILLISECONDS)).as("a further callback").isNull();
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return "unreadable: " + ex;
		}
	}

}
