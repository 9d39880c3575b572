package io.mtls.boot.reload;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Broken material on reload never replaces working material: the server keeps serving,
 * the failure is logged, counted in the status and published, and the next good write
 * recovers on its own. A burst of writes causes one reload.
 */
class BrokenMaterialReloadTests {

	private static final String FAST = "mtls.reload.quiet-period=200ms";

	private static final IssuedCertificate INITIAL = CA.localhostServer();

	@TempDir
	Path directory;

	static Stream<Arguments> breakages() {
		IssuedCertificate other = CA.localhostServer();
		IssuedCertificate expired = CA.server("CN=localhost").dns("localhost").expired().issue();
		return Stream.of(Arguments.of("truncated PEM", (Breakage) (files) -> {
			String pem = INITIAL.chainPem();
			Files.writeString(files.certificate(), pem.substring(0, pem.length() / 2));
		}, "mtls.server.certificate"),
				Arguments.of("garbage bytes",
						(Breakage) (files) -> Files.write(files.certificate(), new byte[] { 0, 1, 2, (byte) 0xff, 42 }),
						"is not PEM"),
				Arguments.of("key does not match the certificate",
						(Breakage) (files) -> other.writePrivateKeyPem(files.key()), "does not match the certificate"),
				Arguments.of("expired certificate", (Breakage) (files) -> {
					expired.writeChainPem(files.certificate());
					expired.writePrivateKeyPem(files.key());
				}, "expired on"),
				Arguments.of("file deleted", (Breakage) (files) -> Files.delete(files.key()), "does not exist"),
				Arguments.of("empty trust file", (Breakage) (files) -> Files.writeString(files.trust(), ""),
						"mtls.server.trust"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("breakages")
	void brokenPemMaterialKeepsTheOldMaterialAndRecovers(String scenario, Breakage breakage, String reason)
			throws Exception {
		PemFiles files = PemFiles.write(this.directory, INITIAL);
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start(FAST,
				"mtls.server.certificate=" + files.certificate(), "mtls.server.private-key=" + files.key(),
				"mtls.server.trust=" + files.trust())) {
			assertBrokenThenRecovered(context, () -> breakage.apply(files), reason, (next) -> {
				next.writeChainPem(files.certificate());
				next.writePrivateKeyPem(files.key());
				CA.writeCertificatePem(files.trust());
			});
		}
	}

	@Test
	void keyStoreWithAWrongPasswordKeepsTheOldMaterialAndRecovers() throws Exception {
		Path keyStore = INITIAL.writePkcs12(this.directory.resolve("server.p12"), "right".toCharArray());
		Path trust = CA.writeCertificatePem(this.directory.resolve("ca.crt"));
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.JETTY.start(FAST,
				"mtls.server.key-store=" + keyStore, "mtls.server.key-store-password=right",
				"mtls.server.trust=" + trust)) {
			assertBrokenThenRecovered(context, () -> CA.localhostServer().writePkcs12(keyStore, "other".toCharArray()),
					"wrong key store password", (next) -> next.writePkcs12(keyStore, "right".toCharArray()));
		}
	}

	@Test
	void aBurstOfWritesCausesOneReload() throws Exception {
		PemFiles files = PemFiles.write(this.directory, INITIAL);
		IssuedCertificate first = CA.localhostServer();
		IssuedCertificate last = CA.localhostServer();
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start(
				"mtls.server.certificate=" + files.certificate(), "mtls.server.private-key=" + files.key(),
				"mtls.server.trust=" + files.trust())) {
			List<ApplicationEvent> events = recordEvents(context);
			for (int i = 0; i < 20; i++) {
				IssuedCertificate write = (i % 2 == 0) ? first : last;
				write.writeChainPem(files.certificate());
				write.writePrivateKeyPem(files.key());
				// writes 10 ms apart, well inside the quiet period, are one burst
				Thread.sleep(10);
			}
			SSLContext alice = MtlsClients.sslContext(ALICE, CA.certificate());
			RotationUnderLoadTests.millisUntilServed(alice, context.getWebServer().getPort(),
					last.certificate().getSerialNumber(), System.nanoTime());
			// the files no longer change, so no reload can follow: count the ones that
			// came
			MtlsMaterialReloader reloader = context.getBean(MtlsMaterialReloader.class);
			awaitEvents(events, (int) reloader.status().reloads());
			assertThat(reloader.status().reloads()).isEqualTo(1);
			assertThat(events).singleElement().isInstanceOf(MtlsMaterialReloadedEvent.class);
		}
	}

	private static void assertBrokenThenRecovered(ConfigurableWebServerApplicationContext context, Step breakStep,
			String reason, Repair repair) throws Exception {
		int port = context.getWebServer().getPort();
		SSLContext alice = MtlsClients.sslContext(ALICE, CA.certificate());
		BigInteger servedBefore = TlsProbe.get(alice, port, "/whoami").serverSerial();
		List<ApplicationEvent> events = recordEvents(context);
		MtlsMaterialReloader reloader = context.getBean(MtlsMaterialReloader.class);
		breakStep.run();
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (reloader.status().failures() == 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(reloader.status().failures()).as("reported failures").isEqualTo(1);
		awaitEvents(events, 1);
		assertThat(reloader.status().lastFailureReason()).contains(reason);
		assertThat(events).singleElement()
			.isInstanceOfSatisfying(MtlsReloadFailedEvent.class,
					(event) -> assertThat(event.getReason()).contains(reason));
		TlsProbe.Response stillServed = TlsProbe.get(MtlsClients.sslContext(ALICE, CA.certificate()), port, "/whoami");
		assertThat(stillServed.status()).isEqualTo(200);
		assertThat(stillServed.serverSerial()).isEqualTo(servedBefore);
		IssuedCertificate next = CA.localhostServer();
		repair.apply(next);
		RotationUnderLoadTests.millisUntilServed(alice, port, next.certificate().getSerialNumber(), System.nanoTime());
		assertThat(reloader.status().reloads()).isEqualTo(1);
	}

	/**
	 * Waits until the given number of events arrived: the status is updated under the
	 * reload lock, the events are published after it.
	 */
	private static void awaitEvents(List<ApplicationEvent> events, int count) throws InterruptedException {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (events.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(events).as("events within 5 s").hasSizeGreaterThanOrEqualTo(count);
	}

	private static List<ApplicationEvent> recordEvents(ConfigurableWebServerApplicationContext context) {
		List<ApplicationEvent> events = new CopyOnWriteArrayList<>();
		context.addApplicationListener((ApplicationListener<ApplicationEvent>) (event) -> {
			if (event instanceof MtlsReloadFailedEvent || event instanceof MtlsMaterialReloadedEvent) {
				events.add(event);
			}
		});
		return events;
	}

	record PemFiles(Path certificate, Path key, Path trust) {

		static PemFiles write(Path directory, IssuedCertificate server) {
			return new PemFiles(server.writeChainPem(directory.resolve("server.crt")),
					server.writePrivateKeyPem(directory.resolve("server.key")),
					CA.writeCertificatePem(directory.resolve("ca.crt")));
		}

	}

	@FunctionalInterface
	interface Breakage {

		void apply(PemFiles files) throws Exception;

	}

	@FunctionalInterface
	interface Step {

		void run() throws Exception;

	}

	@FunctionalInterface
	interface Repair {

		void apply(IssuedCertificate next) throws Exception;

	}

}
