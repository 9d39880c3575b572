package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class JettyRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
