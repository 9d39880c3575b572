package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class TomcatRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
