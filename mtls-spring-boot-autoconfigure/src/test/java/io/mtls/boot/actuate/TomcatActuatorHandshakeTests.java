package io.mtls.boot.actuate;

import io.mtls.boot.server.EmbeddedServer;

/**
 * The endpoint, health and metrics over real handshakes on Tomcat.
 */
class TomcatActuatorHandshakeTests extends MtlsActuatorHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
