package io.mtls.boot.core.tls;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ServerTls#update(ServerMaterial)} is all or nothing across its targets.
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

	private List<SSLContext> recordingTarget() {
		List<SSLContext> handed = new CopyOnWriteArrayList<>();
		this.tls.addTarget(handed::add);
		return handed;
	}

	private static ServerMaterial material(IssuedCertificate server) {
		return new ServerMaterial(new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.loadedElsewhere("mtls.server.certificate", "test")), null);
	}

}
