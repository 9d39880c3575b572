package io.mtls.boot.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import io.mtls.boot.core.reload.MaterialWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The file watching every reloadable piece of material shares (server material, client
 * material, revocation files): a {@link MaterialWatcher} over its files, started and
 * stopped with the application, whose callback never lets a failed reload end the watcher
 * thread.
 */
public final class FileWatching {

	private static final Log logger = LogFactory.getLog(FileWatching.class);

	private final String what;

	private final List<Path> paths;

	private final boolean enabled;

	private final Duration quietPeriod;

	private final Duration pollInterval;

	private final Runnable reload;

	private final String keptOnFailure;

	private @Nullable MaterialWatcher watcher;

	/**
	 * Describes what to watch.
	 * @param what the files, for messages, such as {@code mTLS client material files}
	 * @param paths the files and directories
	 * @param enabled whether to watch at all
	 * @param quietPeriod how long changes must settle before reloading
	 * @param pollInterval how often to check without file events
	 * @param reload reloads if the files changed
	 * @param keptOnFailure what stays in use when a reload fails, for the log line
	 */
	public FileWatching(String what, List<Path> paths, boolean enabled, Duration quietPeriod, Duration pollInterval,
			Runnable reload, String keptOnFailure) {
		this.what = what;
		this.paths = List.copyOf(paths);
		this.enabled = enabled;
		this.quietPeriod = quietPeriod;
		this.pollInterval = pollInterval;
		this.reload = reload;
		this.keptOnFailure = keptOnFailure;
	}

	/**
	 * Starts watching, unless watching is off or there is nothing to watch.
	 * @return whether a watcher was started
	 */
	public synchronized boolean start() {
		if (!this.enabled || this.paths.isEmpty()) {
			return false;
		}
		try {
			this.watcher = new MaterialWatcher(new HashSet<>(this.paths), this.quietPeriod, this.pollInterval,
					this::reloadSafely);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot watch the " + this.what + " " + this.paths, ex);
		}
		this.watcher.start();
		return true;
	}

	/**
	 * Stops watching.
	 */
	public synchronized void stop() {
		if (this.watcher != null) {
			try {
				this.watcher.close();
			}
			catch (IOException ex) {
				logger.debug("Closing the watcher of the " + this.what + " failed", ex);
			}
			this.watcher = null;
		}
	}

	/**
	 * Returns whether a watcher runs.
	 * @return {@code true} between a successful {@link #start()} and {@link #stop()}
	 */
	public synchronized boolean isRunning() {
		return this.watcher != null;
	}

	private void reloadSafely() {
		try {
			this.reload.run();
		}
		catch (RuntimeException ex) {
			// the watcher thread must survive anything a reload throws
			logger.error("Reloading the " + this.what + " failed unexpectedly; " + this.keptOnFailure, ex);
		}
	}

}
