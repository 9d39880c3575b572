package io.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.reload.MaterialFingerprint;
import io.mtls.boot.core.reload.MaterialWatcher;
import io.mtls.boot.core.reload.ReloadStatus;
import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMaterial;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads the CRLs and the deny-list when their files change (with its own
 * {@link MaterialWatcher}, debounced, Kubernetes {@code ..data} swaps included) and on
 * demand ({@code POST /actuator/mtls}, which also re-reads {@code mtls.revocation.deny}
 * from the environment). New material is loaded and validated completely before it is
 * swapped in; a broken CRL or deny-file never replaces a working one: the failure is
 * logged, counted in the {@link #status() status} and published as an
 * {@link MtlsReloadFailedEvent}. Every swap invalidates the per-certificate identity
 * cache through the checker's generation.
 */
public class MtlsRevocationReloader implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(MtlsRevocationReloader.class);

	private final RevocationChecker checker;

	private final Supplier<RevocationMaterial> loader;

	private final List<Path> paths;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile ReloadStatus status;

	private String lastAttempt;

	private final FileWatching watching;

	/**
	 * Creates a reloader.
	 * @param checker the checker to update
	 * @param loader loads and validates the CRLs and the deny-list
	 * @param paths the CRL files and directories and the deny-file
	 * @param quietPeriod how long file events must settle before reloading
	 * @param pollInterval how often to check for changes without file events
	 * @param watch whether to watch the files, or reload only on demand
	 * @param events where failures are published
	 * @param clock the clock of the status timestamps
	 */
	public MtlsRevocationReloader(RevocationChecker checker, Supplier<RevocationMaterial> loader, List<Path> paths,
			Duration quietPeriod, Duration pollInterval, boolean watch, ApplicationEventPublisher events, Clock clock) {
		this.checker = checker;
		this.loader = loader;
		this.paths = List.copyOf(paths);
		this.watching = new FileWatching("mTLS revocation files", paths, watch, quietPeriod, pollInterval,
				this::reloadIfChanged, "still using the previous CRLs and deny-list");
		this.events = events;
		this.clock = clock;
		this.status = new ReloadStatus(clock.instant(), null, null, 0, 0);
		this.lastAttempt = MaterialFingerprint.of(this.paths);
	}

	/**
	 * Reloads if the files changed since the last attempt.
	 */
	public void reloadIfChanged() {
		MtlsReloadFailedEvent failure;
		synchronized (this) {
			String fingerprint = MaterialFingerprint.of(this.paths);
			if (fingerprint.equals(this.lastAttempt)) {
				return;
			}
			failure = reload(fingerprint);
		}
		publish(failure);
	}

	/**
	 * Loads the CRLs and the deny-list now and swaps them in if they changed.
	 * @return {@code reloaded}, {@code unchanged} or {@code failed}
	 */
	public String reload() {
		MtlsReloadFailedEvent failure;
		synchronized (this) {
			failure = reload(MaterialFingerprint.of(this.paths));
		}
		publish(failure);
		return (failure != null) ? "failed" : this.lastOutcome;
	}

	private String lastOutcome = "unchanged";

	private @Nullable MtlsReloadFailedEvent reload(String fingerprint) {
		this.lastAttempt = fingerprint;
		RevocationMaterial loaded;
		try {
			loaded = this.loader.get();
		}
		catch (MtlsStartupException ex) {
			logger.error("mTLS revocation reload failed; still using the previous CRLs and deny-list: "
					+ ex.getDescription());
			this.status = this.status.failed(this.clock.instant(), ex.getDescription());
			return new MtlsReloadFailedEvent(this, ex.getDescription(), ex);
		}
		RevocationMaterial current = new RevocationMaterial(this.checker.crls(), this.checker.denyList());
		if (loaded.sameAs(current)) {
			this.lastOutcome = "unchanged";
			return null;
		}
		this.checker.update(loaded.crls(), loaded.denyList());
		this.status = this.status.succeeded(this.clock.instant());
		this.lastOutcome = "reloaded";
		loaded.crls().warnings().forEach(logger::warn);
		logger.info("mTLS revocation material reloaded: " + describe(loaded));
		return null;
	}

	static String describe(RevocationMaterial material) {
		StringBuilder description = new StringBuilder();
		for (LoadedCrl crl : material.crls().crls()) {
			description.append("CRL of '")
				.append(crl.issuer().getName())
				.append("' (")
				.append(crl.entries())
				.append(" entries, nextUpdate ")
				.append(crl.nextUpdate())
				.append("), ");
		}
		return description.append(material.denyList().entries().size()).append(" deny-list entries").toString();
	}

	private void publish(@Nullable MtlsReloadFailedEvent failure) {
		if (failure == null) {
			return;
		}
		try {
			this.events.publishEvent(failure);
		}
		catch (RuntimeException ex) {
			logger.error("A listener of MtlsReloadFailedEvent failed", ex);
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
		this.watching.start();
	}

	@Override
	public void stop() {
		this.watching.stop();
	}

	@Override
	public boolean isRunning() {
		return this.watching.isRunning();
	}

}
