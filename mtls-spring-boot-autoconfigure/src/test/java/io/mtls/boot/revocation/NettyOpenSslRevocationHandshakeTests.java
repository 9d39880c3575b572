package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class NettyOpenSslRevocationHandshakeTests extends RevocationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY_OPENSSL;
	}

}
