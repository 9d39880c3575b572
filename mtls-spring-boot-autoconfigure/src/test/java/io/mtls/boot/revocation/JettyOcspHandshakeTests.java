package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class JettyOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
