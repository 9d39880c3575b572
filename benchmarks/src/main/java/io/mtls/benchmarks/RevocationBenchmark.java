package io.mtls.benchmarks;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.revocation.BouncyCastleOcspClient;
import io.mtls.boot.core.revocation.CrlStore;
import io.mtls.boot.core.revocation.DenyList;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.core.tls.ChainValidation;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.ClientCertificatePolicy;
import io.mtls.boot.core.tls.ClientCertificateTrustManager;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.CrlSpec;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.revocation.OpensslRevocation;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of revocation checking at the handshake: a complete in-memory TLS 1.3
 * handshake with client authentication (two {@link SSLEngine}s, the server using the
 * starter's trust manager), and the trust manager's verification alone, each with no
 * revocation, with a CRL of 10,000 entries, and with a warm OCSP cache (answers from a
 * real {@code openssl ocsp} responder, fetched once in setup; needs {@code openssl} on
 * the PATH); and the revocation check alone, whose absolute cost bounds the ratio more
 * robustly than handshake timings on a busy machine.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RevocationBenchmark extends AverageTimeBenchmark {

	private X509Certificate[] chain;

	private SSLContext client;

	private SSLContext serverNone;

	private SSLContext serverCrl;

	private SSLContext serverOcsp;

	private ClientCertificateTrustManager none;

	private ClientCertificateTrustManager crl;

	private ClientCertificateTrustManager ocsp;

	private OpensslRevocation.Responder responder;

	private List<X509Certificate> path;

	private RevocationChecker crlChecker;

	private RevocationChecker ocspChecker;

	@Setup
	public void setUp() throws Exception {
		CertificateAuthority root = TestPki.rootCa("CN=Bench Root,O=Example").issue();
		IssuedCertificate alice = root.client("CN=alice,O=Example").issue();
		IssuedCertificate server = root.localhostServer();
		this.chain = alice.chain().toArray(X509Certificate[]::new);
		CrlSpec spec = root.crl();
		for (int i = 0; i < 10_000; i++) {
			spec.revoke(BigInteger.valueOf(1_000_000L + i));
		}
		Path directory = Files.createTempDirectory("mtls-bench");
		Path crlFile = Files.write(directory.resolve("ca.crl"), spec.issue().getEncoded());
		CrlStore crls = CrlStore.load(List.of(MaterialSource.ofPath("mtls.revocation.crl", crlFile)),
				List.of(root.certificate()), java.time.Instant.now());
		this.responder = OpensslRevocation.of(root, directory.resolve("ocsp")).good(alice).startResponder();
		this.path = List.of(alice.certificate(), root.certificate());
		this.crlChecker = new RevocationChecker(RevocationMode.HARD, crls, DenyList.empty(), null, Clock.systemUTC());
		this.ocspChecker = new RevocationChecker(RevocationMode.HARD, CrlStore.empty(), DenyList.empty(),
				new BouncyCastleOcspClient(this.responder.uri(), Duration.ofSeconds(2), Duration.ofMinutes(10), 10_000,
						16, false, Clock.systemUTC()),
				Clock.systemUTC());
		this.none = trustManager(root, RevocationChecker.disabled());
		this.crl = trustManager(root, this.crlChecker);
		this.ocsp = trustManager(root, this.ocspChecker);
		this.client = MtlsClients.sslContext(alice, root.certificate());
		this.serverNone = serverContext(server, this.none);
		this.serverCrl = serverContext(server, this.crl);
		this.serverOcsp = serverContext(server, this.ocsp);
		// warms the OCSP cache, and proves every setup admits alice
		handshake(this.client, this.serverNone);
		handshake(this.client, this.serverCrl);
		handshake(this.client, this.serverOcsp);
	}

	@TearDown
	public void tearDown() {
		this.responder.close();
	}

	@Benchmark
	public Object handshakeNoRevocation() throws Exception {
		return handshake(this.client, this.serverNone);
	}

	@Benchmark
	public Object handshakeCrl10k() throws Exception {
		return handshake(this.client, this.serverCrl);
	}

	@Benchmark
	public Object handshakeOcspWarmCache() throws Exception {
		return handshake(this.client, this.serverOcsp);
	}

	@Benchmark
	public Object verifyNoRevocation() throws Exception {
		this.none.checkClientTrusted(this.chain, "EC");
		return this.none;
	}

	@Benchmark
	public Object verifyCrl10k() throws Exception {
		this.crl.checkClientTrusted(this.chain, "EC");
		return this.crl;
	}

	@Benchmark
	public Object verifyOcspWarmCache() throws Exception {
		this.ocsp.checkClientTrusted(this.chain, "EC");
		return this.ocsp;
	}

	/**
	 * The revocation check alone, on the validated path, in nanoseconds.
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public @Nullable Object checkOnlyCrl10k() {
		return this.crlChecker.check(this.path);
	}

	/**
	 * The revocation check alone with a warm OCSP cache, in nanoseconds.
	 */
	@Benchmark
	@OutputTimeUnit(TimeUnit.NANOSECONDS)
	public @Nullable Object checkOnlyOcspWarmCache() {
		return this.ocspChecker.check(this.path);
	}

	private static ClientCertificateTrustManager trustManager(CertificateAuthority root, RevocationChecker checker) {
		return new ClientCertificateTrustManager(List.of(root.certificate()),
				new ClientCertificatePolicy(true, ChainValidation.STANDARD), new ClientCertificateListener() {
				}, Clock.systemUTC(), checker);
	}

	private static SSLContext serverContext(IssuedCertificate server, TrustManager trustManager) throws Exception {
		char[] password = "bench".toCharArray();
		KeyStore keyStore = server.toKeyStore("PKCS12", password);
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, password);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), new TrustManager[] { trustManager }, null);
		return context;
	}

	/**
	 * One full handshake between fresh engines (no peer host and port, so nothing is
	 * resumed); returns the client certificate the server verified.
	 */
	static Object handshake(SSLContext clientContext, SSLContext serverContext) throws SSLException {
		SSLEngine client = clientContext.createSSLEngine();
		client.setUseClientMode(true);
		SSLEngine server = serverContext.createSSLEngine();
		server.setUseClientMode(false);
		server.setNeedClientAuth(true);
		int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
		ByteBuffer toServer = ByteBuffer.allocate(packet * 4);
		ByteBuffer toClient = ByteBuffer.allocate(packet * 4);
		ByteBuffer application = ByteBuffer.allocate(Math.max(client.getSession().getApplicationBufferSize(),
				server.getSession().getApplicationBufferSize()));
		client.beginHandshake();
		server.beginHandshake();
		for (int i = 0; i < 100; i++) {
			boolean progress = step(client, toClient, toServer, application);
			progress |= step(server, toServer, toClient, application);
			if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
				return server.getSession().getPeerPrincipal();
			}
			if (!progress && done(client) && done(server)) {
				return server.getSession().getPeerPrincipal();
			}
		}
		throw new IllegalStateException("The handshake did not complete");
	}

	private static boolean done(SSLEngine engine) {
		HandshakeStatus status = engine.getHandshakeStatus();
		return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
	}

	private static boolean step(SSLEngine engine, ByteBuffer in, ByteBuffer out, ByteBuffer application)
			throws SSLException {
		boolean progress = false;
		while (true) {
			switch (engine.getHandshakeStatus()) {
				case NEED_WRAP -> {
					engine.wrap(ByteBuffer.allocate(0), out);
					progress = true;
				}
				case NEED_TASK -> {
					Runnable task;
					while ((task = engine.getDelegatedTask()) != null) {
						task.run();
					}
					progress = true;
				}
				case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
					in.flip();
					int before = in.remaining();
					engine.unwrap(in, application);
					boolean consumed = in.remaining() < before;
					in.compact();
					application.clear();
					if (!consumed && engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK
							&& engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
						return progress;
					}
					progress = true;
				}
				default -> {
					// drain post-handshake messages (TLS 1.3 session tickets)
					if (in.position() > 0) {
						in.flip();
						engine.unwrap(in, application);
						in.compact();
						application.clear();
					}
					return progress;
				}
			}
		}
	}

}
