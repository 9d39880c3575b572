package io.mtls.boot.reload;

import java.time.Duration;

import javax.net.ssl.SSLSocket;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.server.openssl.NativeServerSslContext;
import io.mtls.boot.test.client.MtlsClients;
import io.netty.util.ReferenceCounted;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.ALICE;
import static io.mtls.boot.server.TestCertificates.CA;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On Reactor Netty with the openssl engine, a BoringSSL context replaced by a reload is
 * released once the last connection made on it closes, and not before: a keep-alive
 * connection opened on it keeps serving after the reload. The counts are the context's
 * own reference, the server's while it is current, and one per open connection.
 */
class NativeContextReleaseTests {

	@Test
	void aReplacedContextIsReleasedWhenItsLastConnectionCloses() throws Exception {
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.NETTY_OPENSSL
			.start(TestCertificates.pemProperties())) {
			int port = context.getWebServer().getPort();
			ServerTls tls = context.getBean(ServerTls.class);
			ReferenceCounted first = nettyContext(tls);
			try (SSLSocket keepAlive = (SSLSocket) MtlsClients.sslContext(ALICE, CA.certificate())
				.getSocketFactory()
				.createSocket("localhost", port)) {
				keepAlive.setSoTimeout(10_000);
				assertThat(KeepAliveRotationTests.get(keepAlive)).startsWith("HTTP/1.1 200");
				assertThat(first.refCnt()).as("its own, the server's and the connection's").isEqualTo(3);

				tls.update(tls.material());
				assertThat(first.refCnt()).as("the open connection's only").isEqualTo(1);
				assertThat(KeepAliveRotationTests.get(keepAlive)).as("the open connection after the reload")
					.startsWith("HTTP/1.1 200");
				assertThat(TlsProbe.get(MtlsClients.sslContext(ALICE, CA.certificate()), port, "/whoami").status())
					.as("a new connection, on the new context")
					.isEqualTo(200);
			}
			awaitReferences(first, 0);
			awaitReferences(nettyContext(tls), 2);
		}
	}

	private static ReferenceCounted nettyContext(ServerTls tls) {
		return (ReferenceCounted) ((NativeServerSslContext) tls.sslContext()).nettyContext();
	}

	// the server closes its side of a connection a moment after the client
	private static void awaitReferences(ReferenceCounted counted, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (counted.refCnt() != expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(counted.refCnt()).isEqualTo(expected);
	}

}
