package io.mtls.boot.test.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.KeyType;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Real TLS handshakes between {@link MtlsClients} and a one-connection
 * {@link SSLServerSocket} on 127.0.0.1 that requires a client certificate and trusts only
 * the test root.
 */
class MtlsClientsTest {

	private static final int TIMEOUT_MILLIS = 10_000;

	private static CertificateAuthority root;

	private static CertificateAuthority intermediate;

	private static IssuedCertificate serverIdentity;

	private final AtomicReference<X509Certificate> presentedClientCertificate = new AtomicReference<>();

	private ExecutorService executor;

	private SSLServerSocket serverSocket;

	@BeforeAll
	static void createPki() {
		root = TestPki.rootCa("CN=Client Test Root").issue();
		intermediate = root.intermediateCa("CN=Client Test Intermediate").issue();
		serverIdentity = root.localhostServer();
	}

	@BeforeEach
	void startServer() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(serverKeyManagers().getKeyManagers(), new TrustManager[] { recordingTrustManager() }, null);
		serverSocket = (SSLServerSocket) context.getServerSocketFactory()
			.createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
		serverSocket.setNeedClientAuth(true);
		serverSocket.setSoTimeout(TIMEOUT_MILLIS);
		executor = Executors.newSingleThreadExecutor();
	}

	@AfterEach
	void stopServer() throws IOException {
		executor.shutdownNow();
		serverSocket.close();
	}

	@Test
	void serverSeesTheClientSubjectAndClientSeesTheServerCertificate() throws Exception {
		IssuedCertificate alice = root.client("CN=alice,OU=ops,O=Example").issue();
		Future<String> seenByServer = acceptOneConnection();

		String reply = exchange(MtlsClients.sslContext(alice, root.certificate()), (socket) -> {
			assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(serverIdentity.certificate());
		});

		assertThat(seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=alice,OU=ops,O=Example");
		assertThat(reply).isEqualTo("hello CN=alice,OU=ops,O=Example");
	}

	@Test
	void identityUnderAnIntermediatePresentsItsChain() throws Exception {
		IssuedCertificate bob = intermediate.client("CN=bob").issue();
		Future<String> seenByServer = acceptOneConnection();

		exchange(MtlsClients.sslContext(bob, root.certificate()), (socket) -> {
			assertThat(socket.getSession().getLocalCertificates()).containsExactly(bob.certificate(),
					intermediate.certificate());
		});

		assertThat(seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=bob");
	}

	@ParameterizedTest
	@EnumSource(names = { "RSA_2048", "EC_P384", "ED25519" })
	void identitiesOfOtherKeyTypesArePresented(KeyType keyType) throws Exception {
		IssuedCertificate identity = root.client("CN=" + keyType).keyType(keyType).issue();
		Future<String> seenByServer = acceptOneConnection();

		exchange(MtlsClients.sslContext(identity, root.certificate()), (socket) -> {
		});

		assertThat(seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isEqualTo("CN=" + keyType);
	}

	@Test
	void withoutIdentityTheHandshakeFails() {
		Future<String> seenByServer = acceptOneConnection();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> exchange(MtlsClients.sslContext(null, root.certificate()), (socket) -> {
			}));

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
			.withCauseInstanceOf(SSLHandshakeException.class);
		assertThat(presentedClientCertificate.get()).isNull();
	}

	@Test
	void identityFromAnUntrustedCaIsStillPresentedAndThenRejected() {
		IssuedCertificate stranger = TestPki.rootCa("CN=Stranger Root").issue().client("CN=stranger").issue();
		Future<String> seenByServer = acceptOneConnection();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> exchange(MtlsClients.sslContext(stranger, root.certificate()), (socket) -> {
			}));

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> seenByServer.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
			.withCauseInstanceOf(SSLHandshakeException.class);
		assertThat(presentedClientCertificate.get()).isEqualTo(stranger.certificate());
	}

	@Test
	void serverFromAnotherRootIsNotTrusted() {
		IssuedCertificate alice = root.client("CN=alice").issue();
		X509Certificate otherRoot = TestPki.rootCa("CN=Client Test Root").issue().certificate();
		acceptOneConnection();

		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> exchange(MtlsClients.sslContext(alice, otherRoot), (socket) -> {
			}));
	}

	@Test
	void sslContextNeedsATrustAnchor() {
		IssuedCertificate alice = root.client("CN=alice").issue();

		assertThatIllegalArgumentException().isThrownBy(() -> MtlsClients.sslContext(alice));
	}

	@Test
	void httpClientUsesHttp11AndATenSecondConnectTimeout() {
		HttpClient client = MtlsClients.httpClient(root.client("CN=alice").issue(), root.certificate());

		assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(client.connectTimeout()).isEqualTo(Optional.of(Duration.ofSeconds(10)));
		assertThat(client.sslContext().getProtocol()).isEqualTo("TLS");
	}

	/**
	 * Accepts one connection, completes the handshake and greets the client by its
	 * certificate subject.
	 */
	private Future<String> acceptOneConnection() {
		return executor.submit(() -> {
			try (SSLSocket socket = (SSLSocket) serverSocket.accept()) {
				socket.setSoTimeout(TIMEOUT_MILLIS);
				socket.startHandshake();
				String subject = socket.getSession().getPeerPrincipal().getName();
				PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
				out.println("hello " + subject);
				return subject;
			}
		});
	}

	/**
	 * Connects with the context, runs the check on the connected socket and returns the
	 * server's greeting.
	 */
	private String exchange(SSLContext context, SocketCheck check) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
			.createSocket("127.0.0.1", serverSocket.getLocalPort())) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.startHandshake();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			String greeting = in.readLine();
			if (greeting == null) {
				throw new IOException("Server closed the connection without a greeting");
			}
			check.accept(socket);
			return greeting;
		}
	}

	private static KeyManagerFactory serverKeyManagers() throws Exception {
		char[] password = "server".toCharArray();
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(serverIdentity.toKeyStore("PKCS12", password), password);
		return keyManagers;
	}

	/**
	 * PKIX trust in the root that also records the client certificate the server was
	 * shown.
	 */
	private X509TrustManager recordingTrustManager() throws Exception {
		TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
		KeyStore trustStore = TestPki.trustStore("PKCS12", null, root.certificate());
		factory.init(trustStore);
		X509TrustManager pkix = (X509TrustManager) factory.getTrustManagers()[0];
		return new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
				presentedClientCertificate.set(chain[0]);
				pkix.checkClientTrusted(chain, authType);
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
				pkix.checkServerTrusted(chain, authType);
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return pkix.getAcceptedIssuers();
			}

		};
	}

	@FunctionalInterface
	private interface SocketCheck {

		void accept(SSLSocket socket) throws IOException;

	}

}
