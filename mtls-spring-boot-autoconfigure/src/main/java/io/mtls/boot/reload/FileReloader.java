package io.mtls.boot.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import io.mtls.boot.core.reload.MaterialFingerprint;
import io.mtls.boot.core.reload.MaterialWatcher;
import io.mtls.boot.core.reload.ReloadStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * What every reloader of material read from files shares (server material, client
 * material, revocation files): a {@link MaterialWatcher} over the files, started and
 * stopped with the application, whose callback never lets a failed reload end the watcher
 * thread; the fingerprint of the files last tried, so a spurious event or the same broken
 * content again does nothing; and the {@link ReloadStatus}. Subclasses call the protected
 * methods while holding their reload lock.
 */
public abstract class FileReloader implements SmartLifecycle {

	/** The logger of the concrete reloader, so its lines keep their category. */
	protected final Log logger = LogFactory.getLog(getClass());

	private final String what;

	private final List<Path> paths;

	private final boolean watch;

	private final Duration quietPeriod;

	private final Duration pollInterval;

	private final String keptOnFailure;

	private final Clock clock;

	private volatile ReloadStatus status;

	private @Nullable String lastAttempt;

	// apart from the reload lock: stopping waits for the watcher thread, which may be
	// reloading
	private final Object watcherLock = new Object();

	private @Nullable MaterialWatcher watcher;

	/**
	 * Describes the files and how to watch them.
	 * @param what the material, for messages, such as {@code mTLS client material}
	 * @param paths the files and directories the material is read from
	 * @param watch whether to watch the files, or reload only on demand
	 * @param quietPeriod how long changes must settle before reloading
	 * @param pollInterval how often to check without file events
	 * @param keptOnFailure what stays in use when a reload fails, for the log lines
	 * @param clock the clock of the status timestamps
	 */
	protected FileReloader(String what, List<Path> paths, boolean watch, Duration quietPeriod, Duration pollInterval,
			String keptOnFailure, Clock clock) {
		this.what = what;
		this.paths = List.copyOf(paths);
		this.watch = watch;
		this.quietPeriod = quietPeriod;
		this.pollInterval = pollInterval;
		this.keptOnFailure = keptOnFailure;
		this.clock = clock;
		this.status = new ReloadStatus(clock.instant(), null, null, 0, 0);
		this.lastAttempt = MaterialFingerprint.of(this.paths);
	}

	/**
	 * Reloads if the files changed since the last attempt; the watcher calls this.
	 */
	protected abstract void reloadWhenChanged();

	/**
	 * Returns whether the files changed since the last attempt, and if so records their
	 * content as attempted.
	 * @return {@code true} if a reload is due
	 */
	protected final boolean filesChanged() {
		String fingerprint = MaterialFingerprint.of(this.paths);
		if (fingerprint.equals(this.lastAttempt)) {
			return false;
		}
		this.lastAttempt = fingerprint;
		return true;
	}

	/**
	 * Records the files' current content as attempted, for a reload on demand.
	 */
	protected final void attemptingNow() {
		this.lastAttempt = MaterialFingerprint.of(this.paths);
	}

	/**
	 * Forgets the last attempt, so the next poll tries the same content again.
	 */
	protected final void retryOnNextPoll() {
		this.lastAttempt = null;
	}

	/**
	 * Counts a successful reload.
	 */
	protected final void succeeded() {
		this.status = this.status.succeeded(this.clock.instant());
	}

	/**
	 * Counts a failed reload and logs why, saying what stays in use.
	 * @param reason what is wrong, naming the property and file
	 * @param failure the failure, logged with its stack trace, or {@code null}
	 */
	protected final void failed(String reason, @Nullable Exception failure) {
		this.status = this.status.failed(this.clock.instant(), reason);
		this.logger.error(this.what + " reload failed; " + this.keptOnFailure + ": " + reason, failure);
	}

	/**
	 * Returns the clock of the status timestamps.
	 * @return the clock
	 */
	protected final Clock clock() {
		return this.clock;
	}

	/**
	 * Returns the outcome of recent reloads.
	 * @return the status
	 */
	public @Nullable ReloadStatus status() {
		return this.status;
	}

	/**
	 * Starts watching, unless watching is off or there is nothing to watch.
	 */
	@Override
	public void start() {
		if (!this.watch || this.paths.isEmpty()) {
			notWatched();
			return;
		}
		synchronized (this.watcherLock) {
			try {
				this.watcher = new MaterialWatcher(new HashSet<>(this.paths), this.quietPeriod, this.pollInterval,
						this::reloadSafely);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot watch the " + this.what + " files " + this.paths, ex);
			}
			this.watcher.start();
		}
	}

	/**
	 * Called by {@link #start()} when the files are not watched.
	 */
	protected void notWatched() {
	}

	@Override
	public void stop() {
		synchronized (this.watcherLock) {
			if (this.watcher != null) {
				try {
					this.watcher.close();
				}
				catch (IOException ex) {
					this.logger.debug("Closing the watcher of the " + this.what + " files failed", ex);
				}
				this.watcher = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.watcherLock) {
			return this.watcher != null;
		}
	}

	private void reloadSafely() {
		try {
			reloadWhenChanged();
		}
		catch (RuntimeException ex) {
			// the watcher thread must survive anything a reload throws
			this.logger.error("Reloading the " + this.what + " files failed unexpectedly; " + this.keptOnFailure, ex);
		}
	}

}
