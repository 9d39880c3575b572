package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class TomcatOpenSslRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT_OPENSSL;
	}

}
