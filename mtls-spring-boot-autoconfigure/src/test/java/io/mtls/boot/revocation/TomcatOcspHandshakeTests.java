package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class TomcatOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
