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
import io.mtls.boot.core.reload.MaterialFingerprint;
import io.mtls.boot.core.reload.ReloadStatus;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.tls.TlsContextUpdateException;
import io.mtls.boot.server.TrustWarnings;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the server's key and trust material when its files change (unless watching is
 * off) and on demand: loads and validates the new material completely, then swaps it in
 * on every server or on none; on any failure keeps the running material, logs the reason
 * and publishes an {@link MtlsReloadFailedEvent}. When a server could not take the new
 * material, the next poll tries again. Events are published in the order of the reloads
 * but outside the reload lock, so a slow listener delays neither the watcher nor an
 * on-demand reload.
 */
public class MtlsMaterialReloader implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MtlsMaterialReloader.class);

	private final ServerTls tls;

	private final Supplier<ServerMaterial> loader;

	private final List<Path> materialPaths;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	// filled under the reload lock, so in the order of the reloads; guarded by itself
	private final Deque<MtlsReloadEvent> pendingEvents = new ArrayDeque<>();

	private boolean publishing;

	private volatile ReloadStatus status;

	private @Nullable String lastAttempt;

	private final FileWatching watching;

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
		this.tls = tls;
		this.loader = loader;
		this.materialPaths = List.copyOf(materialPaths);
		this.watching = new FileWatching("mTLS material files", materialPaths, watch, quietPeriod, pollInterval,
				this::reloadIfChanged, "still serving the previous material");
		this.events = events;
		this.clock = clock;
		this.status = new ReloadStatus(clock.instant(), null, null, 0, 0);
		this.lastAttempt = MaterialFingerprint.of(this.materialPaths);
	}

	/**
	 * Reloads if the material files changed since the last attempt; a spurious event, or
	 * the same broken content again, does nothing.
	 */
	public void reloadIfChanged() {
		synchronized (this) {
			String fingerprint = MaterialFingerprint.of(this.materialPaths);
			if (fingerprint.equals(this.lastAttempt)) {
				return;
			}
			reload(fingerprint);
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
			result = reload(MaterialFingerprint.of(this.materialPaths));
		}
		publishPendingEvents();
		return result;
	}

	private ReloadResult reload(String fingerprint) {
		this.lastAttempt = fingerprint;
		ServerMaterial previous = this.tls.material();
		ServerMaterial loaded;
		try {
			loaded = this.loader.get();
		}
		catch (MtlsStartupException ex) {
			logger.error("mTLS material reload failed; still serving the previous material: " + ex.getDescription());
			return failed(ex.getDescription(), ex);
		}
		if (sameMaterial(previous, loaded)) {
			return ReloadResult.unchanged();
		}
		try {
			this.tls.update(loaded);
		}
		catch (TlsContextUpdateException ex) {
			// the files are fine, a server was not: the next poll must try them again
			this.lastAttempt = null;
			logger.error("mTLS material reload failed; still serving the previous material: " + ex.getMessage(), ex);
			return failed(String.valueOf(ex.getMessage()), ex);
		}
		this.status = this.status.succeeded(this.clock.instant());
		logger.info(
				"mTLS material reloaded: now serving '" + loaded.key().certificate().getSubjectX500Principal().getName()
						+ "' (serial " + loaded.key().certificate().getSerialNumber().toString(16) + ")");
		TrustWarnings.log(loaded, this.clock.instant());
		queue(new MtlsMaterialReloadedEvent(this, previous, loaded));
		return ReloadResult.reloaded(previous, loaded);
	}

	private ReloadResult failed(String reason, Exception failure) {
		this.status = this.status.failed(this.clock.instant(), reason);
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
				logger.error("A listener of " + event.getClass().getSimpleName() + " failed", ex);
			}
		}
	}

	/**
	 * Returns the outcome of recent reloads.
	 * @return the status
	 */
	public ReloadStatus status() {
		return this.status;
	}

	@Override
	public void start() {
		if (!this.watching.start()) {
			logger.info("mTLS material files are not watched; reload on demand with POST /actuator/mtls");
		}
	}

	@Override
	public void stop() {
		this.watching.stop();
	}

	@Override
	public boolean isRunning() {
		return this.watching.isRunning();
	}

	private static boolean sameMaterial(ServerMaterial a, ServerMaterial b) {
		return a.key().chain().equals(b.key().chain())
				&& Arrays.equals(a.key().privateKey().getEncoded(), b.key().privateKey().getEncoded())
				&& Objects.equals((a.trust() != null) ? a.trust().certificates() : null,
						(b.trust() != null) ? b.trust().certificates() : null);
	}

}
