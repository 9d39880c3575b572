package io.mtls.boot.actuate;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;

/**
 * The revocation meters: {@code mtls.revocation.crl.next.update} (epoch seconds of each
 * CRL's nextUpdate, tagged {@code issuer}; refreshed when the CRLs change) and
 * {@code mtls.revocation.check} (tags {@code source}: deny, crl, ocsp, none;
 * {@code outcome}: good, revoked, denied, unknown, not-covered).
 */
public class RevocationMetrics {

	private static final List<String[]> CHECKS = List.of(new String[] { "deny", "denied" },
			new String[] { "crl", "good" }, new String[] { "crl", "revoked" }, new String[] { "crl", "unknown" },
			new String[] { "ocsp", "good" }, new String[] { "ocsp", "revoked" }, new String[] { "ocsp", "unknown" },
			new String[] { "none", "not-covered" });

	private final RevocationChecker checker;

	private final MultiGauge nextUpdate;

	/**
	 * Registers the meters.
	 * @param registry the registry
	 * @param checker the checker measured
	 */
	public RevocationMetrics(MeterRegistry registry, RevocationChecker checker) {
		this.checker = checker;
		for (String[] check : CHECKS) {
			FunctionCounter.builder("mtls.revocation.check", checker, (measured) -> measured.checks(check[0], check[1]))
				.description("Revocation checks of client certificates")
				.tags("source", check[0], "outcome", check[1])
				.register(registry);
		}
		this.nextUpdate = MultiGauge.builder("mtls.revocation.crl.next.update")
			.description("When each CRL's next update is due")
			.baseUnit("seconds")
			.register(registry);
		refresh();
		checker.onUpdate(this::refresh);
	}

	/**
	 * Measures the current CRLs.
	 */
	public void refresh() {
		this.nextUpdate.register(this.checker.crls()
			.crls()
			.stream()
			.filter((crl) -> crl.nextUpdate() != null)
			.map((LoadedCrl crl) -> MultiGauge.Row.of(Tags.of("issuer", crl.issuer().getName()),
					crl.nextUpdate().getEpochSecond()))
			.toList(), true);
	}

}
