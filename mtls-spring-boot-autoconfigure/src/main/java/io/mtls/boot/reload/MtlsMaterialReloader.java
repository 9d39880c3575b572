package io.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.tls.TlsContextUpdateException;
import io.mtls.boot.server.TrustWarnings;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Reloads the server's key and trust material when its files change (unless watching is
 * off) and on demand: loads and validates the new material completely, then swaps it in
 * on every server or on none; on any failure keeps the running material, logs the reason
 * and publishes an {@link MtlsReloadFailedEvent}. When a server could not take the new
 * material, the next poll tries again. Events are published in the order of the reloads
 * but outside the reload lock, so a slow listener delays neither the watcher nor an
 * on-demand reload.
 */
public class MtlsMaterialReloader extends FileReloader {

	private final ServerTls tls;

	private final Supplier<ServerMaterial> loader;

	private final ApplicationEventPublisher events;

	// filled under the reload lock, so in the order of the reloads; guarded by itself
	private final Deque<MtlsReloadEvent> pendingEvents = new ArrayDeque<>();

	private boolean publishing;

	/**
	 * Creates a reloader.
	 * @param tls the server TLS context to update
	 * @param loader loads and validates the material from its configured sources
	 * @param materialPaths the files and directories the material is read from
	 * @param quietPeriod how long file events must settle before reloading
	 * @param pollInterval how often to check for changes without file events
	 * @param watch whether to watch the files, or reload only on demand
	 * @param events where reload events are published
	 * @param clock the clock of the status timestamps
	 */
	public MtlsMaterialReloader(ServerTls tls, Supplier<ServerMaterial> loader, List<Path> materialPaths,
			Duration quietPeriod, Duration pollInterval, boolean watch, ApplicationEventPublisher events, Clock clock) {
		super("mTLS material", materialPaths, watch, quietPeriod, pollInterval, "still serving the previous material",
				clock);
		this.tls = tls;
		this.loader = loader;
		this.events = events;
	}

	@Override
	protected void reloadWhenChanged() {
		reloadIfChanged();
	}

	/**
	 * Reloads if the material files changed since the last attempt; a spurious event, or
	 * the same broken content again, does nothing.
	 */
	public void reloadIfChanged() {
		synchronized (this) {
			if (!filesChanged()) {
				return;
			}
			load();
		}
		publishPendingEvents();
	}

	/**
	 * Loads the material now and serves it if it differs from the current material. The
	 * reload's event is published before this returns, unless another thread is still
	 * publishing earlier events: that thread then publishes it after them.
	 * @return the outcome
	 */
	public ReloadResult reload() {
		ReloadResult result;
		synchronized (this) {
			attemptingNow();
			result = load();
		}
		publishPendingEvents();
		return result;
	}

	private ReloadResult load() {
		ServerMaterial previous = this.tls.material();
		ServerMaterial loaded;
		try {
			loaded = this.loader.get();
		}
		catch (MtlsStartupException ex) {
			return rejected(ex.getDescription(), ex, false);
		}
		if (sameMaterial(previous, loaded)) {
			return ReloadResult.unchanged();
		}
		try {
			this.tls.update(loaded);
		}
		catch (TlsContextUpdateException ex) {
			// the files are fine, a server was not: the next poll must try them again
			retryOnNextPoll();
			return rejected(String.valueOf(ex.getMessage()), ex, true);
		}
		succeeded();
		this.logger.info(
				"mTLS material reloaded: now serving '" + loaded.key().certificate().getSubjectX500Principal().getName()
						+ "' (serial " + loaded.key().certificate().getSerialNumber().toString(16) + ")");
		TrustWarnings.log(loaded, clock().instant());
		queue(new MtlsMaterialReloadedEvent(this, previous, loaded));
		return ReloadResult.reloaded(previous, loaded);
	}

	private ReloadResult rejected(String reason, Exception failure, boolean logStackTrace) {
		failed(reason, logStackTrace ? failure : null);
		queue(new MtlsReloadFailedEvent(this, reason, failure));
		return ReloadResult.failed(reason);
	}

	private void queue(MtlsReloadEvent event) {
		synchronized (this.pendingEvents) {
			this.pendingEvents.add(event);
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

	@Override
	protected void notWatched() {
		this.logger.info("mTLS material files are not watched; reload on demand with POST /actuator/mtls");
	}

	private static boolean sameMaterial(ServerMaterial a, ServerMaterial b) {
		return a.key().chain().equals(b.key().chain())
				&& Arrays.equals(a.key().privateKey().getEncoded(), b.key().privateKey().getEncoded())
				&& Objects.equals((a.trust() != null) ? a.trust().certificates() : null,
						(b.trust() != null) ? b.trust().certificates() : null);
	}

}
