package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class TomcatOpenSslOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT_OPENSSL;
	}

}
