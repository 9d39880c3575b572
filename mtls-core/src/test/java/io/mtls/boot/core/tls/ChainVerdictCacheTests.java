package io.mtls.boot.core.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.revocation.CrlStore;
import io.mtls.boot.core.revocation.DenyList;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A trust manager with a {@link ChainVerdictCache} remembers admissions only, and forgets
 * them when the CRLs or the deny-list change, when the certificates or the CRL that
 * vouched for them run out, and (being one per trust material) when the trust changes;
 * every verdict, remembered or not, still reaches the listener.
 */
class ChainVerdictCacheTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Cache CA,O=mtls-test").issue();

	private static final IssuedCertificate ALICE = CA.client("CN=alice,O=mtls-test").issue();

	private static final IssuedCertificate BOB = CA.client("CN=bob,O=mtls-test").issue();

	private static final IssuedCertificate CAROL = CA.client("CN=carol,O=mtls-test").issue();

	@TempDir
	Path directory;

	private final List<String> verdicts = new ArrayList<>();

	private final ClientCertificateListener listener = new ClientCertificateListener() {

		@Override
		public void accepted(List<X509Certificate> chain) {
			ChainVerdictCacheTests.this.verdicts.add("accepted");
		}

		@Override
		public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
			ChainVerdictCacheTests.this.verdicts.add(reason.toString());
		}

	};

	@Test
	void anAdmittedChainIsRememberedAndStillReported() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		ClientCertificateTrustManager trustManager = trustManager(cache, RevocationChecker.disabled(),
				Clock.systemUTC());
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		assertThat(cache.size()).isEqualTo(1);
		assertThat(this.verdicts).containsExactly("accepted", "accepted");
	}

	@Test
	void refusalsAreNotRemembered() {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		IssuedCertificate stranger = TestPki.rootCa("CN=Other CA").issue().client("CN=stranger").issue();
		ClientCertificateTrustManager trustManager = trustManager(cache, RevocationChecker.disabled(),
				Clock.systemUTC());
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(stranger), "EC"));
		assertThat(cache.size()).isZero();
	}

	@Test
	void aTrustDomainRefusalIsNeverRememberedAndAnAcceptedDomainIs() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		ClientCertificateTrustManager trustManager = new ClientCertificateTrustManager(List.of(CA.certificate()),
				new ClientCertificatePolicy(true, ChainValidation.STANDARD, Set.of("example.org")), this.listener,
				Clock.systemUTC(), RevocationChecker.disabled(), cache);
		IssuedCertificate outsider = CA.svid("spiffe://other.org/ns/shop/sa/api").issue();
		IssuedCertificate insider = CA.svid("spiffe://example.org/ns/shop/sa/api").issue();
		for (int attempt = 0; attempt < 2; attempt++) {
			assertThatExceptionOfType(CertificateException.class)
				.isThrownBy(() -> trustManager.checkClientTrusted(chain(outsider), "EC"))
				.withMessageContaining("spiffe://other.org/ns/shop/sa/api");
		}
		assertThat(cache.size()).isZero();
		trustManager.checkClientTrusted(chain(insider), "EC");
		assertThat(cache.size()).isEqualTo(1);
		assertThat(this.verdicts).containsExactly(RejectionReason.TRUST_DOMAIN.toString(),
				RejectionReason.TRUST_DOMAIN.toString(), "accepted");
	}

	@Test
	void aCrlUpdateRevokingARememberedClientRefusesItAtOnce() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		RevocationChecker revocation = checker(RevocationMode.HARD, crls(CA.crl().issue()));
		ClientCertificateTrustManager trustManager = trustManager(cache, revocation, Clock.systemUTC());
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		assertThat(cache.size()).isEqualTo(1);
		revocation.update(crls(CA.crl().revoke(ALICE).issue()), DenyList.empty());
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(ALICE), "EC"));
		assertThat(this.verdicts).containsExactly("accepted", RejectionReason.REVOKED.toString());
	}

	@Test
	void aDenyListUpdateRefusesARememberedClientAtOnce() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		RevocationChecker revocation = checker(RevocationMode.OFF, CrlStore.empty());
		ClientCertificateTrustManager trustManager = trustManager(cache, revocation, Clock.systemUTC());
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		revocation.update(CrlStore.empty(), DenyList.parse(List.of("sha256:" + ALICE.sha256Fingerprint()),
				(index, problem) -> new IllegalArgumentException(problem)));
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(ALICE), "EC"));
		assertThat(this.verdicts).containsExactly("accepted", RejectionReason.DENIED.toString());
	}

	@Test
	void anAdmissionWithoutRevocationDataIsNotRemembered() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		Instant now = Instant.now();
		RevocationChecker revocation = checker(RevocationMode.SOFT, crls(
				CA.crl().thisUpdate(now.minus(Duration.ofDays(2))).nextUpdate(now.minus(Duration.ofDays(1))).issue()));
		ClientCertificateTrustManager trustManager = trustManager(cache, revocation, Clock.systemUTC());
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		assertThat(this.verdicts).as("soft mode admits a stale CRL's client").containsExactly("accepted");
		assertThat(cache.size()).isZero();
	}

	@Test
	void anAdmissionLastsUntilTheCrlThatVouchedForItIsDue() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		Instant now = Instant.now();
		MutableClock clock = new MutableClock(now);
		RevocationChecker revocation = new RevocationChecker(RevocationMode.HARD,
				crls(CA.crl().nextUpdate(now.plus(Duration.ofHours(1))).issue()), DenyList.empty(), null, clock);
		ClientCertificateTrustManager trustManager = trustManager(cache, revocation, clock);
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		clock.now = now.plus(Duration.ofHours(2));
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(ALICE), "EC"));
		assertThat(this.verdicts).containsExactly("accepted", RejectionReason.REVOCATION_UNKNOWN.toString());
	}

	@Test
	void anAdmissionLastsUntilTheClientCertificateExpires() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		MutableClock clock = new MutableClock(Instant.now());
		ClientCertificateTrustManager trustManager = trustManager(cache, RevocationChecker.disabled(), clock);
		trustManager.checkClientTrusted(chain(ALICE), "EC");
		clock.now = ALICE.certificate().getNotAfter().toInstant().plusSeconds(1);
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(ALICE), "EC"));
		assertThat(this.verdicts).containsExactly("accepted", RejectionReason.EXPIRED.toString());
	}

	@Test
	void aTrustChangeStartsFromNothing() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		trustManager(cache, RevocationChecker.disabled(), Clock.systemUTC()).checkClientTrusted(chain(ALICE), "EC");
		ClientCertificateTrustManager withoutTheCa = new ClientCertificateTrustManager(
				List.of(TestPki.rootCa("CN=Other CA").issue().certificate()),
				new ClientCertificatePolicy(true, ChainValidation.STANDARD), this.listener, Clock.systemUTC(),
				RevocationChecker.disabled(), new ChainVerdictCache(16));
		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> withoutTheCa.checkClientTrusted(chain(ALICE), "EC"));
	}

	@Test
	void theLeastRecentlyUsedAdmissionGoesFirst() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(2);
		Instant now = Instant.now();
		Instant later = now.plusSeconds(60);
		cache.admit(ChainVerdictCache.keyOf(List.of(chain(ALICE))), 0, later);
		cache.admit(ChainVerdictCache.keyOf(List.of(chain(BOB))), 0, later);
		assertThat(cache.isAdmitted(ChainVerdictCache.keyOf(List.of(chain(ALICE))), 0, now)).isTrue();
		cache.admit(ChainVerdictCache.keyOf(List.of(chain(CAROL))), 0, later);
		assertThat(cache.size()).isEqualTo(2);
		assertThat(cache.isAdmitted(ChainVerdictCache.keyOf(List.of(chain(BOB))), 0, now)).isFalse();
		assertThat(cache.isAdmitted(ChainVerdictCache.keyOf(List.of(chain(ALICE))), 0, now)).isTrue();
	}

	@Test
	void anAdmissionJudgedUnderAnEarlierRevocationGenerationIsDropped() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		Instant now = Instant.now();
		ChainVerdictCache.Key alice = ChainVerdictCache.keyOf(List.of(chain(ALICE)));
		cache.admit(ChainVerdictCache.keyOf(List.of(chain(BOB))), 1, now.plusSeconds(60));
		cache.admit(alice, 0, now.plusSeconds(60));
		assertThat(cache.isAdmitted(alice, 1, now)).isFalse();
		assertThat(cache.size()).isEqualTo(1);
	}

	@Test
	void lookupsAreCountedAsHitsAndMissesAcrossSuccessors() throws Exception {
		ChainVerdictCache cache = new ChainVerdictCache(16);
		Instant now = Instant.now();
		ChainVerdictCache.Key alice = ChainVerdictCache.keyOf(List.of(chain(ALICE)));
		assertThat(cache.isAdmitted(alice, 0, now)).isFalse();
		cache.admit(alice, 0, now.plusSeconds(60));
		assertThat(cache.isAdmitted(alice, 0, now)).isTrue();
		assertThat(cache.hits()).isEqualTo(1);
		assertThat(cache.misses()).isEqualTo(1);
		ChainVerdictCache successor = cache.successor();
		assertThat(successor.isAdmitted(alice, 0, now)).as("the successor starts empty").isFalse();
		assertThat(successor.hits()).isEqualTo(1);
		assertThat(successor.misses()).isEqualTo(2);
		assertThat(cache.misses()).as("one count for both").isEqualTo(2);
	}

	@Test
	void theSameCertificatesInAnotherOrderAreAnotherChain() throws Exception {
		X509Certificate leaf = ALICE.certificate();
		X509Certificate root = CA.certificate();
		assertThat(ChainVerdictCache.keyOf(List.of(leaf, root)))
			.isNotEqualTo(ChainVerdictCache.keyOf(List.of(root, leaf)))
			.isNotEqualTo(ChainVerdictCache.keyOf(List.of(leaf)));
		assertThat(ChainVerdictCache.keyOf(List.of(leaf, root)))
			.isEqualTo(ChainVerdictCache.keyOf(List.of(leaf, root)));
	}

	private ClientCertificateTrustManager trustManager(ChainVerdictCache cache, RevocationChecker revocation,
			Clock clock) {
		return new ClientCertificateTrustManager(List.of(CA.certificate()),
				new ClientCertificatePolicy(true, ChainValidation.STANDARD), this.listener, clock, revocation, cache);
	}

	private static X509Certificate[] chain(IssuedCertificate certificate) {
		return new X509Certificate[] { certificate.certificate() };
	}

	private static RevocationChecker checker(RevocationMode mode, CrlStore crls) {
		return new RevocationChecker(mode, crls, DenyList.empty(), null, Clock.systemUTC());
	}

	private CrlStore crls(X509CRL crl) throws Exception {
		Path file = Files.write(Files.createTempFile(this.directory, "ca", ".crl"), crl.getEncoded());
		return CrlStore.load(List.of(MaterialSource.ofPath("mtls.revocation.crl", file)), List.of(CA.certificate()),
				Instant.now());
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
