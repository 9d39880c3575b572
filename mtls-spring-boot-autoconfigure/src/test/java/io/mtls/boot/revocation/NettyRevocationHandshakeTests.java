package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class NettyRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
