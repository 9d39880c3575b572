package io.mtls.boot.reload;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server certificate rotated five times through Kubernetes-style {@code ..data}
 * symlink swaps while several threads keep opening new connections: no request fails, and
 * each new certificate is served within two seconds of its swap.
 */
class RotationUnderLoadTests {

	private static final int SWAPS = 5;

	private static final int THREADS = 3;

	@ParameterizedTest
	@EnumSource(EmbeddedServer.class)
	void rotationUnderLoadDropsNothing(EmbeddedServer server, @TempDir Path directory) throws Exception {
		SecretDirectory secret = new SecretDirectory(directory, CA.localhostServer());
		try (ConfigurableWebServerApplicationContext context = server
			.start("mtls.server.secret-dir=" + secret.path())) {
			int port = context.getWebServer().getPort();
			SSLContext alice = MtlsClients.sslContext(ALICE, CA.certificate());
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger succeeded = new AtomicInteger();
			ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
			List<Thread> load = new ArrayList<>();
			for (int i = 0; i < THREADS; i++) {
				Thread thread = new Thread(() -> {
					while (running.get()) {
						try {
							int status = TlsProbe.get(alice, port, "/whoami").status();
							if (status == 200) {
								succeeded.incrementAndGet();
							}
							else {
								failures.add("HTTP " + status);
							}
						}
						catch (Exception ex) {
							failures.add(ex.toString());
						}
					}
				});
				thread.start();
				load.add(thread);
			}
			try {
				for (int swap = 1; swap <= SWAPS; swap++) {
					IssuedCertificate next = CA.localhostServer();
					long swappedAt = System.nanoTime();
					secret.swap(next);
					assertThat(millisUntilServed(alice, port, next.certificate().getSerialNumber(), swappedAt))
						.as("milliseconds from swap %d until its certificate is served", swap)
						.isLessThan(2000);
				}
			}
			finally {
				running.set(false);
				for (Thread thread : load) {
					thread.join(10_000);
				}
			}
			assertThat(failures).as("failed requests").isEmpty();
			assertThat(succeeded.get()).as("requests served during the swaps").isGreaterThan(SWAPS * THREADS);
		}
	}

	/**
	 * Polls with new handshakes until the given certificate is served; returns the
	 * milliseconds since {@code since}, or fails after five seconds.
	 */
	static long millisUntilServed(SSLContext client, int port, BigInteger serial, long since) throws Exception {
		while (System.nanoTime() - since < 5_000_000_000L) {
			if (TlsProbe.get(client, port, "/whoami").serverSerial().equals(serial)) {
				return (System.nanoTime() - since) / 1_000_000;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("certificate " + serial.toString(16) + " not served within 5 s");
	}

}
