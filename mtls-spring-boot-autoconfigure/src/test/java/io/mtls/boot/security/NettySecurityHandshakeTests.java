package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Identity and authorities over real handshakes on Netty.
 */
class NettySecurityHandshakeTests extends MtlsSecurityHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
