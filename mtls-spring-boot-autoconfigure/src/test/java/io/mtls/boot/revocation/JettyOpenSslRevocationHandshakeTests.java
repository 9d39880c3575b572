package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class JettyOpenSslRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY_OPENSSL;
	}

}
