package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ServerTls#update(ServerMaterial)} is all or nothing across its targets, and
 * retires each context once no server is handed it again.
 */
class ServerTlsTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Test Root CA,O=mtls-test").issue();

	private static final ServerMaterial INITIAL = material(CA.localhostServer());

	private static final ServerMaterial NEXT = material(CA.localhostServer());

	private final ServerTls tls = new ServerTls(INITIAL, new ClientCertificatePolicy(true, ChainValidation.STANDARD),
			new ClientCertificateListener() {
			}, Clock.systemUTC());

	@Test
	void updateHandsTheNewContextToEveryTargetThenMakesItCurrent() throws Exception {
		List<SSLContext> first = recordingTarget();
		List<SSLContext> second = recordingTarget();
		this.tls
			.addTarget((sslContext) -> assertThat(this.tls.material()).as("current while applying").isSameAs(INITIAL));
		this.tls.update(NEXT);
		assertThat(this.tls.material()).isSameAs(NEXT);
		assertThat(first).containsExactly(this.tls.sslContext());
		assertThat(second).containsExactly(this.tls.sslContext());
	}

	@Test
	void aFailingTargetLeavesThePreviousContextEverywhere() {
		SSLContext previous = this.tls.sslContext();
		List<SSLContext> before = recordingTarget();
		List<SSLContext> failing = new CopyOnWriteArrayList<>();
		this.tls.addTarget((sslContext) -> {
			failing.add(sslContext);
			if (sslContext != previous) {
				throw new IllegalStateException("connector stopped");
			}
		});
		List<SSLContext> after = recordingTarget();
		assertThatExceptionOfType(TlsContextUpdateException.class).isThrownBy(() -> this.tls.update(NEXT))
			.withMessageContaining("connector stopped")
			.withMessageContaining("every server keeps the previous one")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).isEmpty());
		assertThat(this.tls.material()).isSameAs(INITIAL);
		assertThat(this.tls.sslContext()).isSameAs(previous);
		assertThat(before).hasSize(2).last().isSameAs(previous);
		assertThat(failing).hasSize(2).last().as("a half-switched target is switched back").isSameAs(previous);
		assertThat(after).as("never handed the new context").isEmpty();
	}

	@Test
	void aTargetThatCannotBeSwitchedBackIsReported() {
		this.tls.addTarget((sslContext) -> {
			throw new IllegalStateException("connector gone");
		});
		assertThatExceptionOfType(TlsContextUpdateException.class).isThrownBy(() -> this.tls.update(NEXT))
			.withMessageContaining("1 server(s) could not be switched back")
			.satisfies((ex) -> assertThat(ex.getSuppressed()).hasSize(1));
		assertThat(this.tls.material()).isSameAs(INITIAL);
	}

	@Test
	void theReplacedContextIsRetiredOnceEveryTargetTookTheNewOne() throws Exception {
		RetiringEngine engine = new RetiringEngine();
		ServerTls tls = new ServerTls(INITIAL, new ClientCertificatePolicy(true, ChainValidation.STANDARD),
				new ClientCertificateListener() {
				}, Clock.systemUTC(), RevocationChecker.disabled(), engine);
		SSLContext previous = tls.sslContext();
		tls.addTarget((sslContext) -> assertThat(engine.retired).as("retired while handing over").isEmpty());
		tls.update(NEXT);
		assertThat(engine.retired).containsExactly(previous);
	}

	@Test
	void aFailedUpdateRetiresTheContextItBuiltAndKeepsThePreviousOne() {
		RetiringEngine engine = new RetiringEngine();
		ServerTls tls = new ServerTls(INITIAL, new ClientCertificatePolicy(true, ChainValidation.STANDARD),
				new ClientCertificateListener() {
				}, Clock.systemUTC(), RevocationChecker.disabled(), engine);
		SSLContext previous = tls.sslContext();
		List<SSLContext> handed = recordingTarget(tls);
		tls.addTarget((sslContext) -> {
			if (sslContext != previous) {
				throw new IllegalStateException("connector stopped");
			}
		});
		assertThatExceptionOfType(TlsContextUpdateException.class).isThrownBy(() -> tls.update(NEXT));
		assertThat(engine.retired).containsExactly(handed.get(0)).doesNotContain(previous);
	}

	@Test
	void verdictCountsGoOnAcrossReloadsWhileTheCacheStartsAfresh() throws Exception {
		ServerTls tls = new ServerTls(INITIAL, new ClientCertificatePolicy(true, ChainValidation.STANDARD),
				new ClientCertificateListener() {
				}, Clock.systemUTC(), RevocationChecker.disabled(), new RetiringEngine());
		ChainVerdictCache before = tls.chainVerdicts();
		ChainVerdictCache.Key key = ChainVerdictCache.keyOf(CA.localhostServer().chain());
		before.admit(key, 0, Instant.now().plusSeconds(60));
		assertThat(before.isAdmitted(key, 0, Instant.now())).isTrue();
		tls.update(NEXT);
		assertThat(tls.chainVerdicts()).isNotSameAs(before);
		assertThat(tls.chainVerdicts().size()).isZero();
		assertThat(tls.chainVerdicts().hits()).isEqualTo(1);
	}

	private List<SSLContext> recordingTarget() {
		return recordingTarget(this.tls);
	}

	private static List<SSLContext> recordingTarget(ServerTls tls) {
		List<SSLContext> handed = new CopyOnWriteArrayList<>();
		tls.addTarget(handed::add);
		return handed;
	}

	/**
	 * The JDK's engine, remembering verdicts and recording the contexts it is told to
	 * retire.
	 */
	private static final class RetiringEngine implements ServerTlsEngine {

		private final List<SSLContext> retired = new CopyOnWriteArrayList<>();

		@Override
		public String name() {
			return "retiring";
		}

		@Override
		public SSLContext newContext(KeyMaterial key, ClientCertificateTrustManager trustManager)
				throws GeneralSecurityException {
			return ServerTlsEngine.jdk().newContext(key, trustManager);
		}

		@Override
		public int chainVerdictCacheSize() {
			return 16;
		}

		@Override
		public void retire(SSLContext sslContext) {
			this.retired.add(sslContext);
		}

	}

	private static ServerMaterial material(IssuedCertificate server) {
		return new ServerMaterial(new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.loadedElsewhere("mtls.server.certificate", "test")), null);
	}

}
