package io.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.tls.TlsContextUpdateException;
import io.mtls.boot.server.TrustWarnings;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Reloads the server's key and trust material when its files change (unless watching is
 * off) and on demand: loads and validates the new material completely, then swaps it in
 * on every server or on none; on any failure keeps the running material, logs the reason
 * and publishes an {@link MtlsReloadFailedEvent}. When a server could not take the new
 * material, the next poll tries again.
 */
public class MtlsMaterialReloader extends FileReloader {

	private final ServerTls tls;

	private final Supplier<ServerMaterial> loader;

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
				clock, events);
		this.tls = tls;
		this.loader = loader;
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
		reloadIfFilesChanged(this::load, ReloadResult.unchanged());
	}

	/**
	 * Loads the material now and serves it if it differs from the current material. The
	 * reload's event is published before this returns, unless another thread is still
	 * publishing earlier events: that thread then publishes it after them.
	 * @return the outcome
	 */
	public ReloadResult reload() {
		return reloadNow(this::load);
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
		publishAfterLoad(new MtlsMaterialReloadedEvent(this, previous, loaded));
		return ReloadResult.reloaded(previous, loaded);
	}

	private ReloadResult rejected(String reason, Exception failure, boolean logStackTrace) {
		failed(reason, logStackTrace ? failure : null);
		publishAfterLoad(new MtlsReloadFailedEvent(this, reason, failure));
		return ReloadResult.failed(reason);
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
