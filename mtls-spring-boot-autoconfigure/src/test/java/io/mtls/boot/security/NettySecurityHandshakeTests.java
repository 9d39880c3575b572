package io.mtls.boot.security;

import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.security.SecurityTestPki.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity and authorities over real handshakes on Netty.
 */
class NettySecurityHandshakeTests extends MtlsSecurityHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

	@Test
	void whoCalledIsRecordedAsExchangeAttributes() throws Exception {
		IssuedCertificate workload = ROOT.client("CN=w,O=Example")
			.uri("spiffe://example.org/ns/prod/sa/orders")
			.issue();
		assertThat(get(context(), workload, "/exchange-attributes").body())
			.isEqualTo("w|spiffe://example.org/ns/prod/sa/orders|" + workload.sha256Fingerprint());
	}

}
