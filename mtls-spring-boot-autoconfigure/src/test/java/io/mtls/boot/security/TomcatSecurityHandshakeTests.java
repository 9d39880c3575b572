package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Identity and authorities over real handshakes on Tomcat.
 */
class TomcatSecurityHandshakeTests extends MtlsSecurityHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
