package io.mtls.boot.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.reload.MtlsRevocationReloader;
import org.jspecify.annotations.Nullable;

/**
 * The revocation part of {@code /actuator/mtls}: mode, each CRL, the deny-list, OCSP
 * cache statistics, check counts and the reload status.
 */
final class RevocationDescriptor {

	private RevocationDescriptor() {
	}

	static Map<String, Object> describe(RevocationChecker checker, @Nullable MtlsRevocationReloader reloader,
			Instant now, Duration crlWarning) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("mode", checker.mode().name().toLowerCase(java.util.Locale.ROOT));
		body.put("crls", checker.crls().crls().stream().map((crl) -> crl(crl, now, crlWarning)).toList());
		body.put("deny", checker.denyList().entries());
		body.put("ocsp", (checker.ocsp() != null) ? checker.ocsp().statistics() : Map.of("enabled", false));
		body.put("checks", checker.checks());
		if (reloader != null) {
			body.put("reload", reloader.status());
		}
		return body;
	}

	private static Map<String, Object> crl(LoadedCrl crl, Instant now, Duration crlWarning) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", crl.issuer().getName());
		body.put("thisUpdate", crl.thisUpdate());
		body.put("nextUpdate", crl.nextUpdate());
		body.put("entries", crl.entries());
		body.put("source", crl.source().describe());
		body.put("status", status(crl, now, crlWarning));
		return body;
	}

	static String status(LoadedCrl crl, Instant now, Duration crlWarning) {
		return crl.isStale(now) ? "STALE" : crl.isDueWithin(now, crlWarning) ? "DUE" : "CURRENT";
	}

	static List<String> warnings(RevocationChecker checker, Instant now, Duration crlWarning) {
		return checker.crls()
			.crls()
			.stream()
			.filter((crl) -> crl.isDueWithin(now, crlWarning))
			.map((crl) -> crl + " is " + status(crl, now, crlWarning) + " (nextUpdate " + crl.nextUpdate() + ")")
			.toList();
	}

}
