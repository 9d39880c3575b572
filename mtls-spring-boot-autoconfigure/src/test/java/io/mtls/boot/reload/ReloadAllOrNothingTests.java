package io.mtls.boot.reload;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.MtlsSslBundleRegistrar;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.context.ApplicationListener;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload is all or nothing across servers: when one server cannot take the new context,
 * every server keeps serving the old material, everything reports the old material, the
 * failure is recorded, published and counted, and the next poll retries.
 */
class ReloadAllOrNothingTests {

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void aServerThatCannotTakeTheNewContextKeepsTheOldMaterialEverywhereUntilTheNextPoll(EmbeddedServer server,
			@TempDir Path directory) throws Exception {
		IssuedCertificate initial = CA.localhostServer();
		BrokenMaterialReloadTests.PemFiles files = BrokenMaterialReloadTests.PemFiles.write(directory, initial);
		try (ConfigurableWebServerApplicationContext context = server.start("mtls.reload.quiet-period=100ms",
				"mtls.reload.poll-interval=300ms", "mtls.server.certificate=" + files.certificate(),
				"mtls.server.private-key=" + files.key(), "mtls.server.trust=" + files.trust())) {
			int port = context.getWebServer().getPort();
			SSLContext alice = MtlsClients.sslContext(ALICE, CA.certificate());
			MtlsMaterialReloader reloader = context.getBean(MtlsMaterialReloader.class);
			List<MtlsReloadFailedEvent> failures = new CopyOnWriteArrayList<>();
			context.addApplicationListener((ApplicationListener<MtlsReloadFailedEvent>) failures::add);
			AtomicBoolean failing = new AtomicBoolean(true);
			ServerTls tls = context.getBean(ServerTls.class);
			// registered after the embedded server's own target, so that one has taken
			// the
			// new context when this one refuses it (the context served now is accepted
			// back)
			tls.addTarget((sslContext) -> {
				if (failing.get() && sslContext != tls.sslContext()) {
					throw new IllegalStateException("test server cannot take the context");
				}
			});

			IssuedCertificate next = CA.localhostServer();
			next.writeChainPem(files.certificate());
			next.writePrivateKeyPem(files.key());
			awaitFailures(reloader, failures, 1);
			assertThat(reloader.status().lastFailureReason()).contains("test server cannot take the context");
			assertThat(failures.get(0).getReason()).contains("test server cannot take the context");
			assertThat(
					context.getBean(MeterRegistry.class).get("mtls.reload").tag("outcome", "failure").counter().count())
				.isGreaterThanOrEqualTo(1);
			BigInteger old = initial.certificate().getSerialNumber();
			assertThat(TlsProbe.get(alice, port, "/whoami").serverSerial()).as("served").isEqualTo(old);
			assertThat(tls.material().key().certificate().getSerialNumber()).as("reported").isEqualTo(old);
			KeyStore bundle = context.getBean(SslBundles.class)
				.getBundle(MtlsSslBundleRegistrar.BUNDLE_NAME)
				.getStores()
				.getKeyStore();
			assertThat(((X509Certificate) bundle.getCertificate("mtls")).getSerialNumber()).as("in the SSL bundle")
				.isEqualTo(old);
			assertThat(reloader.status().reloads()).isZero();

			awaitFailures(reloader, failures, 2);
			assertThat(TlsProbe.get(alice, port, "/whoami").serverSerial()).as("served after a retry").isEqualTo(old);
			failing.set(false);
			RotationUnderLoadTests.millisUntilServed(alice, port, next.certificate().getSerialNumber(),
					System.nanoTime());
			assertThat(reloader.status().reloads()).isEqualTo(1);
			assertThat(tls.material().key().certificate()).isEqualTo(next.certificate());
		}
	}

	/**
	 * Waits until the status and the events show at least the given number of failures:
	 * the first from the file change, later ones from polls retrying.
	 */
	private static void awaitFailures(MtlsMaterialReloader reloader, List<MtlsReloadFailedEvent> events, int count)
			throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (reloader.status().failures() < count || events.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("after 5 s: " + reloader.status() + ", " + events.size() + " failure events");
			}
			Thread.sleep(50);
		}
	}

}
