package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class JettyOpenSslOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY_OPENSSL;
	}

}
