package io.mtls.boot.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

import io.mtls.boot.core.reload.MaterialFingerprint;
import io.mtls.boot.core.reload.MaterialWatcher;
import io.mtls.boot.core.reload.ReloadStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * What every reloader of material read from files shares (server material, client
 * material, revocation files): a {@link MaterialWatcher} over the files, started and
 * stopped with the application, whose callback never lets a failed reload end the watcher
 * thread; the fingerprint of the files last tried, so a spurious event or the same broken
 * content again does nothing; the {@link ReloadStatus}; and one reload at a time, whose
 * events are published in the order of the reloads but outside the reload lock, so a slow
 * listener delays neither the watcher nor an on-demand reload.
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

	private final ApplicationEventPublisher events;

	private final Object reloadLock = new Object();

	private volatile ReloadStatus status;

	private @Nullable String lastAttempt;

	// apart from the reload lock: stopping waits for the watcher thread, which may be
	// reloading
	private final Object watcherLock = new Object();

	private @Nullable MaterialWatcher watcher;

	// filled under the reload lock, so in the order of the reloads; guarded by itself
	private final Deque<MtlsReloadEvent> pendingEvents = new ArrayDeque<>();

	private boolean publishing;

	/**
	 * Describes the files and how to watch them.
	 * @param what the material, for messages, such as {@code mTLS client material}
	 * @param paths the files and directories the material is read from
	 * @param watch whether to watch the files, or reload only on demand
	 * @param quietPeriod how long changes must settle before reloading
	 * @param pollInterval how often to check without file events
	 * @param keptOnFailure what stays in use when a reload fails, for the log lines
	 * @param clock the clock of the status timestamps
	 * @param events where the reload events are published
	 */
	protected FileReloader(String what, List<Path> paths, boolean watch, Duration quietPeriod, Duration pollInterval,
			String keptOnFailure, Clock clock, ApplicationEventPublisher events) {
		this.what = what;
		this.paths = List.copyOf(paths);
		this.watch = watch;
		this.quietPeriod = quietPeriod;
		this.pollInterval = pollInterval;
		this.keptOnFailure = keptOnFailure;
		this.clock = clock;
		this.events = events;
		this.status = new ReloadStatus(clock.instant(), null, null, 0, 0);
		this.lastAttempt = MaterialFingerprint.of(this.paths);
	}

	/**
	 * Reloads if the files changed since the last attempt; the watcher calls this.
	 */
	protected abstract void reloadWhenChanged();

	/**
	 * Loads under the reload lock if the files changed since the last attempt, recording
	 * their content as attempted, then publishes the queued events.
	 * @param <T> the outcome of a load
	 * @param load loads the material and swaps it in if it differs
	 * @param unchanged the outcome when the files did not change
	 * @return the outcome
	 */
	protected final <T> T reloadIfFilesChanged(Supplier<T> load, T unchanged) {
		T outcome;
		synchronized (this.reloadLock) {
			String fingerprint = MaterialFingerprint.of(this.paths);
			if (fingerprint.equals(this.lastAttempt)) {
				return unchanged;
			}
			this.lastAttempt = fingerprint;
			outcome = load.get();
		}
		publishPendingEvents();
		return outcome;
	}

	/**
	 * Loads now under the reload lock, recording the files' content as attempted, then
	 * publishes the queued events, unless another thread is still publishing earlier
	 * events: that thread then publishes them after its own.
	 * @param <T> the outcome of a load
	 * @param load loads the material and swaps it in if it differs
	 * @return the outcome
	 */
	protected final <T> T reloadNow(Supplier<T> load) {
		T outcome;
		synchronized (this.reloadLock) {
			this.lastAttempt = MaterialFingerprint.of(this.paths);
			outcome = load.get();
		}
		publishPendingEvents();
		return outcome;
	}

	/**
	 * Queues an event of the running load, published once the reload lock is released.
	 * @param event the event
	 */
	protected final void publishAfterLoad(MtlsReloadEvent event) {
		synchronized (this.pendingEvents) {
			this.pendingEvents.add(event);
		}
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
		// logged first, so whoever sees the failure counted also finds its log line
		this.logger.error(this.what + " reload failed; " + this.keptOnFailure + ": " + reason, failure);
		this.status = this.status.failed(this.clock.instant(), reason);
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

	/**
	 * Publishes the queued events in order, one thread at a time: a thread that finds
	 * another publishing leaves its events to it instead of waiting.
	 */
	private void publishPendingEvents() {
		synchronized (this.pendingEvents) {
			if (this.publishing) {
				return;
			}
			this.publishing = true;
		}
		while (true) {
			MtlsReloadEvent event;
			synchronized (this.pendingEvents) {
				event = this.pendingEvents.poll();
				if (event == null) {
					this.publishing = false;
					return;
				}
			}
			try {
				this.events.publishEvent(event);
			}
			catch (RuntimeException ex) {
				// the reload is done; a failing listener must not drop later events
				this.logger.error("A listener of " + event.getClass().getSimpleName() + " failed", ex);
			}
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
