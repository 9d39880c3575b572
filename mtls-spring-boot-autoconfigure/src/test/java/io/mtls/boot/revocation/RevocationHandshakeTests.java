package io.mtls.boot.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.actuate.MtlsHealthIndicator;
import io.mtls.boot.reload.MtlsRevocationReloader;
import io.mtls.boot.security.SecuredApplication;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Revocation through real handshakes: CRLs (one in a Kubernetes-style {@code ..data}
 * directory, swapped at runtime), a stale CRL in hard mode, a revoked intermediate, and
 * the deny-list by serial (property) and by fingerprint (watched file). A revocation that
 * arrives while a keep-alive connection is open refuses its next request with 401.
 * Subclasses pick the server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class RevocationHandshakeTests {

	private static final AtomicInteger VERSIONS = new AtomicInteger();

	private final CertificateAuthority root = TestPki.rootCa("CN=Revocation Root,O=mtls-test").issue();

	private final CertificateAuthority stale = TestPki.rootCa("CN=Stale CRL Root,O=mtls-test").issue();

	private final CertificateAuthority revokedIntermediate = this.root
		.intermediateCa("CN=Revoked Intermediate,O=mtls-test")
		.issue();

	private final IssuedCertificate good = this.root.client("CN=good,O=mtls-test").issue();

	private final IssuedCertificate revoked = this.root.client("CN=revoked,O=mtls-test").issue();

	private final IssuedCertificate deniedBySerial = this.root.client("CN=denied-serial,O=mtls-test").issue();

	private final IssuedCertificate deniedByFingerprint = this.root.client("CN=denied-fingerprint,O=mtls-test").issue();

	private final IssuedCertificate underRevokedIntermediate = this.revokedIntermediate
		.client("CN=under-revoked-intermediate,O=mtls-test")
		.issue();

	private final IssuedCertificate staleClient = this.stale.client("CN=stale,O=mtls-test").issue();

	private Path crlDirectory;

	private Path denyFile;

	private ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	@BeforeAll
	void start(@TempDir Path directory) throws Exception {
		Path trust = Files.writeString(directory.resolve("trust.pem"),
				Pem.encode(this.root.certificate(), this.stale.certificate()));
		this.crlDirectory = Files.createDirectories(directory.resolve("crls"));
		swapCrls(this.root.crl().revoke(this.revoked).revoke(this.revokedIntermediate).issue());
		Path staleCrl = Files.write(directory.resolve("stale.crl"),
				this.stale.crl()
					.thisUpdate(Instant.now().minus(Duration.ofDays(2)))
					.nextUpdate(Instant.now().minus(Duration.ofDays(1)))
					.issue()
					.getEncoded());
		// as openssl prints it: SHA256 Fingerprint=AB:CD:...
		this.denyFile = Files.writeString(directory.resolve("deny.txt"),
				"# kill switch\nSHA256 Fingerprint=" + colons(this.deniedByFingerprint.sha256Fingerprint()) + "\n");
		this.context = server().start(SecuredApplication.class, EmbeddedServer.properties(
				new String[] { "mtls.server.certificate=" + TestCertificates.SERVER_CERTIFICATE,
						"mtls.server.private-key=" + TestCertificates.SERVER_KEY, "mtls.server.trust=" + trust },
				"mtls.revocation.crl=" + this.crlDirectory.resolve("ca.crl") + "," + staleCrl,
				"mtls.revocation.deny=serial:"
						+ colons(this.deniedBySerial.certificate().getSerialNumber().toString(16))
							.toUpperCase(Locale.ROOT),
				"mtls.revocation.deny-file=" + this.denyFile, "mtls.reload.quiet-period=100ms",
				"mtls.reload.poll-interval=1s", "management.endpoints.web.exposure.include=mtls,health"));
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@Test
	void goodClientIsServed() throws Exception {
		assertThat(send(this.good).statusCode()).isEqualTo(200);
	}

	@Test
	void revokedClientIsRefusedAtTheHandshake(CapturedOutput output) {
		assertRefused(this.revoked, "revoked", output);
		assertThat(output).contains("is revoked by CRL of 'CN=Revocation Root,O=mtls-test'");
	}

	@Test
	void clientOfARevokedIntermediateIsRefused(CapturedOutput output) {
		assertRefused(this.underRevokedIntermediate, "revoked", output);
		assertThat(output).contains("'CN=Revoked Intermediate,O=mtls-test' in its chain is revoked");
	}

	@Test
	void staleCrlInHardModeRefusesItsCasClients(CapturedOutput output) {
		assertRefused(this.staleClient, "revocation-unknown", output);
		assertThat(output).contains("is stale");
	}

	@Test
	void deniedBySerialAndByFingerprint(CapturedOutput output) {
		assertRefused(this.deniedBySerial, "denied", output);
		assertRefused(this.deniedByFingerprint, "denied", output);
	}

	@Test
	void revocationWhileAKeepAliveConnectionIsOpenRefusesItsNextRequest(CapturedOutput output) throws Exception {
		IssuedCertificate late = this.root.client("CN=revoked-later,O=mtls-test").issue();
		IssuedCertificate bystander = this.root.client("CN=bystander,O=mtls-test").issue();
		try (SSLSocket keepAlive = open(late)) {
			assertThat(get(keepAlive)).startsWith("HTTP/1.1 200");
			// a Kubernetes ..data swap of the CRL directory
			swapCrls(this.root.crl().revoke(this.revoked).revoke(this.revokedIntermediate).revoke(late).issue());
			String response = awaitResponse(keepAlive, "HTTP/1.1 401");
			assertThat(response).contains("\"reason\":\"revoked\"");
			assertRefused(late, "revoked", output);
			assertThat(send(bystander).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void crlSwappedUnderLoadRefusesARetryingRevokedClientWithinTwoSecondsWhileOthersNeverFail() throws Exception {
		IssuedCertificate victim = this.root.client("CN=revoked-under-load,O=mtls-test").issue();
		List<IssuedCertificate> bystanders = List.of(this.root.client("CN=bystander-1,O=mtls-test").issue(),
				this.root.client("CN=bystander-2,O=mtls-test").issue());
		assertThat(send(victim).statusCode()).isEqualTo(200);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger served = new AtomicInteger();
		List<Throwable> bystanderFailures = new CopyOnWriteArrayList<>();
		ExecutorService load = Executors.newFixedThreadPool(bystanders.size());
		try {
			for (IssuedCertificate bystander : bystanders) {
				load.submit(() -> {
					// bounded: stops when the test ends, and at the latest after 500
					// requests
					for (int i = 0; i < 500 && running.get(); i++) {
						try {
							assertThat(send(bystander).statusCode()).isEqualTo(200);
							served.incrementAndGet();
						}
						catch (Throwable ex) {
							bystanderFailures.add(ex);
						}
					}
				});
			}
			swapCrls(this.root.crl().revoke(this.revoked).revoke(this.revokedIntermediate).revoke(victim).issue());
			long swapped = System.nanoTime();
			long deadline = swapped + Duration.ofSeconds(2).toNanos();
			boolean refused = false;
			while (!refused && System.nanoTime() < deadline) {
				try {
					send(victim);
				}
				catch (IOException ex) {
					refused = true;
				}
			}
			assertThat(refused).as("revoked client refused within 2 s of the CRL swap").isTrue();
		}
		finally {
			running.set(false);
			load.shutdown();
			assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(bystanderFailures).isEmpty();
		assertThat(served.get()).isPositive();
	}

	@Test
	void brokenCrlNeverReplacesTheRunningOne(CapturedOutput output) throws Exception {
		MtlsRevocationReloader reloader = this.context.getBean(MtlsRevocationReloader.class);
		long failures = reloader.status().failures();
		Path broken = this.crlDirectory.resolve("..broken");
		Files.createDirectories(broken);
		Files.writeString(broken.resolve("ca.crl"), "-----BEGIN X509 CRL-----\nnot a crl\n-----END X509 CRL-----\n");
		Path previous = Files.readSymbolicLink(this.crlDirectory.resolve("..data"));
		relink(broken);
		try {
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (reloader.status().failures() == failures && System.nanoTime() < deadline) {
				Thread.sleep(50);
			}
			assertThat(reloader.status().failures()).isGreaterThan(failures);
			assertThat(output).contains("mTLS revocation reload failed; still using the previous CRLs and deny-list");
			assertRefused(this.revoked, "revoked", output);
			assertThat(send(this.good).statusCode()).isEqualTo(200);
		}
		finally {
			relink(this.crlDirectory.resolve(previous));
		}
	}

	@Test
	void denyFileChangeAppliesToOpenConnectionsAndNewHandshakes(CapturedOutput output) throws Exception {
		IssuedCertificate leaked = this.root.client("CN=leaked,O=mtls-test").issue();
		try (SSLSocket keepAlive = open(leaked)) {
			assertThat(get(keepAlive)).startsWith("HTTP/1.1 200");
			Files.writeString(this.denyFile, "sha256:" + leaked.sha256Fingerprint().toUpperCase(Locale.ROOT) + "\n",
					java.nio.file.StandardOpenOption.APPEND);
			String response = awaitResponse(keepAlive, "HTTP/1.1 401");
			assertThat(response).contains("\"reason\":\"denied\"");
			assertRefused(leaked, "denied", output);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void endpointHealthAndMetricsShowTheCrlsAndAReloadRereadsTheDenyProperty(CapturedOutput output) throws Exception {
		MtlsEndpoint endpoint = this.context.getBean(MtlsEndpoint.class);
		Map<String, Object> revocation = (Map<String, Object>) endpoint.mtls().get("revocation");
		assertThat(revocation).containsEntry("mode", "hard");
		List<Map<String, Object>> crls = (List<Map<String, Object>>) revocation.get("crls");
		assertThat(crls).anySatisfy((crl) -> {
			assertThat(crl).containsEntry("issuer", "CN=Revocation Root,O=mtls-test").containsKey("nextUpdate");
			assertThat((int) crl.get("entries")).isGreaterThanOrEqualTo(2);
			assertThat((String) crl.get("source")).contains("mtls.revocation.crl");
		});
		assertThat(crls).anySatisfy((crl) -> assertThat(crl).containsEntry("status", "STALE"));
		Health health = this.context.getBean(MtlsHealthIndicator.class).health();
		assertThat(health.getStatus()).as("one CRL is still current").isEqualTo(Status.UP);
		assertThat(health.getDetails().get("warnings").toString()).contains("CN=Stale CRL Root,O=mtls-test")
			.contains("STALE");
		MeterRegistry registry = this.context.getBean(MeterRegistry.class);
		assertThat(registry.get("mtls.revocation.crl.next.update")
			.tag("issuer", "CN=Revocation Root,O=mtls-test")
			.gauge()
			.value()).isGreaterThan(Instant.now().getEpochSecond());

		IssuedCertificate leaked = this.root.client("CN=denied-by-property,O=mtls-test").issue();
		assertThat(send(leaked).statusCode()).isEqualTo(200);
		MutablePropertySources sources = this.context.getEnvironment().getPropertySources();
		sources.addFirst(new MapPropertySource("runtime-deny",
				Map.of("mtls.revocation.deny", "sha256:" + colons(leaked.sha256Fingerprint()))));
		try {
			assertThat(endpoint.reload()).containsEntry("revocation", "reloaded");
			assertRefused(leaked, "denied", output);
		}
		finally {
			sources.remove("runtime-deny");
			endpoint.reload();
		}
		assertThat(send(leaked).statusCode()).isEqualTo(200);
		assertThat(registry.get("mtls.revocation.check")
			.tags("source", "deny", "outcome", "denied")
			.functionCounter()
			.count()).isPositive();
		assertThat(registry.get("mtls.revocation.check")
			.tags("source", "crl", "outcome", "good")
			.functionCounter()
			.count()).isPositive();
	}

	private String awaitResponse(SSLSocket keepAlive, String expected) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		String response = get(keepAlive);
		while (!response.startsWith(expected) && System.nanoTime() < deadline) {
			Thread.sleep(50);
			response = get(keepAlive);
		}
		assertThat(response).startsWith(expected);
		return response;
	}

	private void swapCrls(X509CRL crl) throws IOException {
		Path version = Files.createDirectories(this.crlDirectory.resolve("..v" + VERSIONS.incrementAndGet()));
		Files.writeString(version.resolve("ca.crl"), Pem.encode(crl));
		if (!Files.exists(this.crlDirectory.resolve("ca.crl"), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Files.createSymbolicLink(this.crlDirectory.resolve("ca.crl"), Path.of("..data", "ca.crl"));
		}
		relink(version);
	}

	private void relink(Path version) throws IOException {
		Path next = this.crlDirectory.resolve("..data_tmp");
		Files.deleteIfExists(next);
		Files.createSymbolicLink(next, version.getFileName());
		Files.move(next, this.crlDirectory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
	}

	private void assertRefused(IssuedCertificate client, String reason, CapturedOutput output) {
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(client));
		assertThat(output).contains("TLS handshake refused (reason: " + reason + "): client certificate '"
				+ client.certificate().getSubjectX500Principal().getName() + "'");
	}

	private HttpResponse<String> send(IssuedCertificate client) throws Exception {
		URI uri = URI.create("https://localhost:" + this.context.getWebServer().getPort() + "/whoami");
		return MtlsClients.httpClient(client, TestCertificates.CA.certificate())
			.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

	private SSLSocket open(IssuedCertificate client) throws IOException {
		SSLSocket socket = (SSLSocket) MtlsClients.sslContext(client, TestCertificates.CA.certificate())
			.getSocketFactory()
			.createSocket("localhost", this.context.getWebServer().getPort());
		socket.setSoTimeout(10_000);
		return socket;
	}

	private static String colons(String hex) {
		String even = (hex.length() % 2 == 0) ? hex : "0" + hex;
		StringBuilder result = new StringBuilder();
		for (int i = 0; i < even.length(); i += 2) {
			result.append((i > 0) ? ":" : "").append(even, i, i + 2);
		}
		return result.toString();
	}

	/**
	 * Sends a keep-alive request and reads exactly one response (headers and a
	 * Content-Length body), leaving the connection open.
	 */
	static String get(SSLSocket socket) throws IOException {
		socket.getOutputStream()
			.write("GET /whoami HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		socket.getOutputStream().flush();
		InputStream in = socket.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed by the server");
			}
			head.write(next);
		}
		String headers = head.toString(StandardCharsets.US_ASCII);
		int length = 0;
		for (String line : headers.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring(15).strip());
			}
		}
		return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
	}

}
