package io.mtls.boot.core.revocation;

import java.lang.System.Logger.Level;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * Checks a validated certificate path for revocation, after path validation and before
 * policy checks: first the {@link DenyList} (every certificate of the path), then, unless
 * the mode is {@link RevocationMode#OFF off}, each certificate but the anchor against its
 * issuer's CRL, and the leaf against OCSP when no fresh CRL covers it. A certificate no
 * source covers is not checked. A status that cannot be established (a stale CRL, a CRL
 * that does not verify with the issuer's key, an OCSP error or timeout) refuses with
 * {@code revocation-unknown} in {@link RevocationMode#HARD hard} mode and admits, logged
 * and counted, in {@link RevocationMode#SOFT soft} mode.
 * <p>
 * The CRLs and the deny-list are swapped atomically by {@link #update}; each swap bumps
 * the {@link #generation()}, so caches of earlier verdicts (the per-certificate identity
 * cache) know to check again. Thread-safe.
 */
public final class RevocationChecker {

	private static final System.Logger logger = System.getLogger(RevocationChecker.class.getName());

	private final RevocationMode mode;

	private final @Nullable OcspClient ocsp;

	private final Clock clock;

	private final AtomicLong generation = new AtomicLong();

	private final Map<String, LongAdder> checks = new ConcurrentHashMap<>();

	private final List<Runnable> updateListeners = new CopyOnWriteArrayList<>();

	private volatile State state;

	/**
	 * Creates a checker.
	 * @param mode what unknown status means
	 * @param crls the CRLs
	 * @param denyList the deny-list
	 * @param ocsp the OCSP client, or {@code null} when OCSP is off
	 * @param clock the clock CRL freshness is checked against
	 */
	public RevocationChecker(RevocationMode mode, CrlStore crls, DenyList denyList, @Nullable OcspClient ocsp,
			Clock clock) {
		this.mode = mode;
		this.ocsp = (mode != RevocationMode.OFF) ? ocsp : null;
		this.clock = clock;
		this.state = new State(crls, denyList);
	}

	/**
	 * Returns a checker that denies nothing and checks nothing.
	 * @return the checker
	 */
	public static RevocationChecker disabled() {
		return new RevocationChecker(RevocationMode.OFF, CrlStore.empty(), DenyList.empty(), null, Clock.systemUTC());
	}

	/**
	 * Checks a path during the handshake; may ask an OCSP responder.
	 * @param path the validated path, leaf first, ending with the trust anchor
	 * @return {@code null} if the path may be admitted, else why not
	 */
	public @Nullable RevocationVerdict check(List<X509Certificate> path) {
		return check(path, true, new Lifetime());
	}

	/**
	 * Checks a path during the handshake like {@link #check(List)}, and says how long an
	 * admission may be remembered: until the earliest nextUpdate of the CRLs that vouched
	 * for the path, and not at all when a status was unknown (admitted in soft mode) or
	 * came from OCSP, whose answers the OCSP client caches by their own lifetime.
	 * @param path the validated path, leaf first, ending with the trust anchor
	 * @return the verdict and how long an admission holds
	 */
	public Assessment assess(List<X509Certificate> path) {
		Lifetime lifetime = new Lifetime();
		RevocationVerdict verdict = check(path, true, lifetime);
		return new Assessment(verdict, (verdict == null && lifetime.rememberable) ? lifetime.until : null);
	}

	/**
	 * Checks a chain again at a later request, with local sources and cached OCSP answers
	 * only: used when the CRLs or deny-list changed since the chain was admitted.
	 * @param chain the chain as presented (leaf first); each certificate's issuer is
	 * taken from the chain when present
	 * @return {@code null} if the chain may be admitted, else why not
	 */
	public @Nullable RevocationVerdict recheck(List<X509Certificate> chain) {
		return check(chain, false, new Lifetime());
	}

	private @Nullable RevocationVerdict check(List<X509Certificate> path, boolean lookup, Lifetime lifetime) {
		State current = this.state;
		X509Certificate denied = current.denyList().denied(path);
		if (denied != null) {
			count("deny", "denied");
			return new RevocationVerdict(RejectionReason.DENIED,
					"client certificate '" + subject(path.get(0)) + "' rejected: "
							+ ((denied == path.get(0)) ? "it" : "'" + subject(denied) + "' in its chain")
							+ " is on the deny-list (mtls.revocation.deny)");
		}
		if (this.mode == RevocationMode.OFF) {
			return null;
		}
		Instant now = this.clock.instant();
		X509Certificate certificate = path.get(0);
		for (int i = 0; i < path.size(); i++) {
			X509Certificate issuer = issuerOf(certificate, path);
			if (issuer == null && (lookup || isSelfIssued(certificate))) {
				// the trust anchor ends a validated path
				break;
			}
			RevocationVerdict verdict = checkOne(current, path.get(0), certificate, issuer, i == 0, lookup, now,
					lifetime);
			if (verdict != null || issuer == null || issuer == certificate) {
				return verdict;
			}
			certificate = issuer;
		}
		return null;
	}

	private static @Nullable X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> chain) {
		if (isSelfIssued(certificate)) {
			return null;
		}
		for (X509Certificate candidate : chain) {
			if (candidate != certificate
					&& candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean isSelfIssued(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
	}

	private @Nullable RevocationVerdict checkOne(State current, X509Certificate leaf, X509Certificate certificate,
			@Nullable X509Certificate issuer, boolean isLeaf, boolean lookup, Instant now, Lifetime lifetime) {
		String unknown = null;
		List<LoadedCrl> crls = current.crls().forIssuer(certificate.getIssuerX500Principal());
		if (!crls.isEmpty()) {
			// without the issuer's certificate (a later request whose chain leaves out
			// the CA) only a CRL already verified against a trusted key counts
			LoadedCrl crl = crls.stream()
				.filter((c) -> (issuer != null) ? c.verifiesWith(issuer.getPublicKey()) : c.isVerified())
				.findFirst()
				.orElse(null);
			if (crl == null) {
				unknown = "no CRL of '" + certificate.getIssuerX500Principal().getName() + "' verifies with its key";
			}
			else {
				X509CRLEntry entry = crl.crl().getRevokedCertificate(certificate.getSerialNumber());
				if (entry != null) {
					count("crl", "revoked");
					return revoked(leaf, certificate, "by " + crl + " since "
							+ ((entry.getRevocationDate() != null) ? entry.getRevocationDate().toInstant() : "?"));
				}
				if (!crl.isStale(now)) {
					count("crl", "good");
					lifetime.until(crl.nextUpdate());
					return null;
				}
				unknown = crl + " is stale (nextUpdate " + crl.nextUpdate() + ")";
			}
			if (!isLeaf || this.ocsp == null) {
				count("crl", "unknown");
				lifetime.forget();
				return unknownStatus(leaf, certificate, unknown);
			}
		}
		if (!isLeaf || this.ocsp == null) {
			count("none", "not-covered");
			return null;
		}
		OcspClient.OcspStatus status = this.ocsp.status(certificate, issuer, lookup);
		lifetime.forget();
		switch (status.outcome()) {
			case "good" -> {
				count("ocsp", "good");
				return null;
			}
			case "revoked" -> {
				count("ocsp", "revoked");
				return revoked(leaf, certificate, "by its OCSP responder (" + status.detail() + ")");
			}
			case "not-covered" -> {
				if (unknown != null) {
					count("crl", "unknown");
					return unknownStatus(leaf, certificate, unknown);
				}
				if (!lookup) {
					// a later request: the handshake's answer stands until the cache
					// forgets it
					return null;
				}
				count("none", "not-covered");
				return null;
			}
			default -> {
				count("ocsp", "unknown");
				return unknownStatus(leaf, certificate,
						((unknown != null) ? unknown + ", and " : "") + "OCSP: " + status.detail());
			}
		}
	}

	private RevocationVerdict revoked(X509Certificate leaf, X509Certificate certificate, String how) {
		return new RevocationVerdict(RejectionReason.REVOKED,
				"client certificate '" + subject(leaf) + "' rejected: "
						+ ((certificate == leaf) ? "it" : "'" + subject(certificate) + "' in its chain")
						+ " is revoked " + how);
	}

	private @Nullable RevocationVerdict unknownStatus(X509Certificate leaf, X509Certificate certificate, String why) {
		String detail = "client certificate '" + subject(leaf) + "': revocation status of "
				+ ((certificate == leaf) ? "it" : "'" + subject(certificate) + "' in its chain") + " is unknown: "
				+ why;
		if (this.mode == RevocationMode.SOFT) {
			logger.log(Level.WARNING, detail + "; admitted (mtls.revocation.mode=soft)");
			return null;
		}
		return new RevocationVerdict(RejectionReason.REVOCATION_UNKNOWN, "client certificate '" + subject(leaf)
				+ "' rejected: " + detail.substring(detail.indexOf(": ") + 2) + " (mtls.revocation.mode=hard)");
	}

	private void count(String source, String outcome) {
		this.checks.computeIfAbsent(source + "|" + outcome, (key) -> new LongAdder()).increment();
	}

	/**
	 * Swaps in new CRLs and a new deny-list, both already validated; bumps the
	 * generation.
	 * @param crls the CRLs
	 * @param denyList the deny-list
	 */
	public void update(CrlStore crls, DenyList denyList) {
		this.state = new State(crls, denyList);
		this.generation.incrementAndGet();
		this.updateListeners.forEach(Runnable::run);
	}

	/**
	 * Registers a callback run after every {@link #update}.
	 * @param listener the callback
	 */
	public void onUpdate(Runnable listener) {
		this.updateListeners.add(listener);
	}

	/**
	 * Returns a number that changes whenever the CRLs or the deny-list change.
	 * @return the generation
	 */
	public long generation() {
		return this.generation.get();
	}

	/**
	 * Returns the current CRLs.
	 * @return the CRLs
	 */
	public CrlStore crls() {
		return this.state.crls();
	}

	/**
	 * Returns the current deny-list.
	 * @return the deny-list
	 */
	public DenyList denyList() {
		return this.state.denyList();
	}

	/**
	 * Returns the mode.
	 * @return the mode
	 */
	public RevocationMode mode() {
		return this.mode;
	}

	/**
	 * Returns the OCSP client, or {@code null} when OCSP is off.
	 * @return the client or {@code null}
	 */
	public @Nullable OcspClient ocsp() {
		return this.ocsp;
	}

	/**
	 * Returns how many checks ended how, keyed {@code source|outcome}: sources
	 * {@code deny}, {@code crl}, {@code ocsp}, {@code none}; outcomes {@code good},
	 * {@code revoked}, {@code denied}, {@code unknown}, {@code not-covered}.
	 * @return the counts
	 */
	public Map<String, Long> checks() {
		Map<String, Long> counts = new TreeMap<>();
		this.checks.forEach((key, adder) -> counts.put(key, adder.sum()));
		return counts;
	}

	/**
	 * Returns the count of one source and outcome.
	 * @param source the source
	 * @param outcome the outcome
	 * @return the count
	 */
	public long checks(String source, String outcome) {
		LongAdder adder = this.checks.get(source + "|" + outcome);
		return (adder != null) ? adder.sum() : 0;
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	/**
	 * A handshake's revocation verdict and how long an admission may be remembered.
	 *
	 * @param refusal why the path is refused, or {@code null} when it is admitted
	 * @param rememberUntil until when an admission holds, {@link Instant#MAX} when no CRL
	 * limits it, or {@code null} when it must not be remembered (refused, admitted
	 * without revocation data, or vouched for by OCSP)
	 */
	public record Assessment(@Nullable RevocationVerdict refusal, @Nullable Instant rememberUntil) {
	}

	private static final class Lifetime {

		private Instant until = Instant.MAX;

		private boolean rememberable = true;

		void until(@Nullable Instant nextUpdate) {
			if (nextUpdate != null && nextUpdate.isBefore(this.until)) {
				this.until = nextUpdate;
			}
		}

		void forget() {
			this.rememberable = false;
		}

	}

	private record State(CrlStore crls, DenyList denyList) {
	}

}
