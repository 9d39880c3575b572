package io.mtls.boot.reload;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.mtls.boot.core.MtlsStartupException;
import io.mtls.boot.core.reload.MaterialWatcher;
import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMaterial;

import org.springframework.context.ApplicationEventPublisher;

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
public class MtlsRevocationReloader extends FileReloader {

	private final RevocationChecker checker;

	private final Supplier<RevocationMaterial> loader;

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
		super("mTLS revocation", paths, watch, quietPeriod, pollInterval, "still using the previous CRLs and deny-list",
				clock, events);
		this.checker = checker;
		this.loader = loader;
	}

	@Override
	protected void reloadWhenChanged() {
		reloadIfChanged();
	}

	/**
	 * Reloads if the files changed since the last attempt.
	 */
	public void reloadIfChanged() {
		reloadIfFilesChanged(this::load, "unchanged");
	}

	/**
	 * Loads the CRLs and the deny-list now and swaps them in if they changed.
	 * @return {@code reloaded}, {@code unchanged} or {@code failed}
	 */
	public String reload() {
		return reloadNow(this::load);
	}

	private String load() {
		RevocationMaterial loaded;
		try {
			loaded = this.loader.get();
		}
		catch (MtlsStartupException ex) {
			failed(ex.getDescription(), null);
			publishAfterLoad(new MtlsReloadFailedEvent(this, ex.getDescription(), ex));
			return "failed";
		}
		RevocationMaterial current = new RevocationMaterial(this.checker.crls(), this.checker.denyList());
		if (loaded.sameAs(current)) {
			return "unchanged";
		}
		this.checker.update(loaded.crls(), loaded.denyList());
		succeeded();
		loaded.crls().warnings().forEach(this.logger::warn);
		this.logger.info("mTLS revocation material reloaded: " + describe(loaded));
		return "reloaded";
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

}
