package io.mtls.boot.core.reload;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches the directories that hold key and trust material and calls back once things
 * have been quiet for a while: after a burst of writes, an editor's temp-file rename or a
 * Kubernetes {@code ..data} symlink swap. A periodic tick calls back too, for file
 * systems that raise no change events. The callback decides whether anything really
 * changed.
 */
public final class MaterialWatcher implements Closeable {

	private final Set<Path> directories;

	private final long quietPeriodNanos;

	private final long pollIntervalNanos;

	private final Runnable onChange;

	private final WatchService watchService;

	private final Thread thread;

	/**
	 * Creates a watcher; call {@link #start()} to begin.
	 * @param paths the files and directories to watch (a file is watched through its
	 * parent directory, so renames and symlink swaps next to it are seen)
	 * @param quietPeriod how long no event must arrive before calling back
	 * @param pollInterval how often to call back regardless of events
	 * @param onChange the callback, run on the watcher's thread
	 * @throws IOException if the file system cannot be watched
	 */
	public MaterialWatcher(Set<Path> paths, Duration quietPeriod, Duration pollInterval, Runnable onChange)
			throws IOException {
		this.directories = watchedDirectories(paths);
		this.quietPeriodNanos = quietPeriod.toNanos();
		this.pollIntervalNanos = pollInterval.toNanos();
		this.onChange = onChange;
		this.watchService = this.directories.iterator().next().getFileSystem().newWatchService();
		for (Path directory : this.directories) {
			directory.register(this.watchService, StandardWatchEventKinds.ENTRY_CREATE,
					StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
		}
		this.thread = new Thread(this::run, "mtls-material-watcher");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts watching.
	 */
	public void start() {
		this.thread.start();
	}

	/**
	 * Returns the directories being watched.
	 * @return the directories
	 */
	public Set<Path> directories() {
		return this.directories;
	}

	private void run() {
		long nextPoll = System.nanoTime() + this.pollIntervalNanos;
		long quietUntil = -1;
		try {
			while (!Thread.currentThread().isInterrupted()) {
				long now = System.nanoTime();
				long wakeUp = (quietUntil >= 0) ? Math.min(quietUntil, nextPoll) : nextPoll;
				WatchKey key = this.watchService.poll(Math.max(0, wakeUp - now), TimeUnit.NANOSECONDS);
				if (key != null) {
					key.pollEvents();
					key.reset();
					// every event restarts the quiet period, so a burst causes one
					// callback
					quietUntil = System.nanoTime() + this.quietPeriodNanos;
					continue;
				}
				now = System.nanoTime();
				if ((quietUntil >= 0 && now >= quietUntil) || now >= nextPoll) {
					quietUntil = -1;
					nextPoll = now + this.pollIntervalNanos;
					this.onChange.run();
				}
			}
		}
		catch (InterruptedException | ClosedWatchServiceException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws IOException {
		this.thread.interrupt();
		this.watchService.close();
	}

	private static Set<Path> watchedDirectories(Set<Path> paths) {
		Set<Path> directories = new LinkedHashSet<>();
		for (Path path : paths) {
			Path absolute = path.toAbsolutePath().normalize();
			directories.add(Files.isDirectory(absolute) ? absolute : absolute.getParent());
		}
		if (directories.isEmpty()) {
			throw new IllegalArgumentException("Nothing to watch");
		}
		return Set.copyOf(directories);
	}

}
