package io.mtls.boot.actuate;

import io.mtls.boot.server.EmbeddedServer;

/**
 * The endpoint, health and metrics over real handshakes on Netty.
 */
class NettyActuatorHandshakeTests extends MtlsActuatorHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
