package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class NettyOpenSslOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY_OPENSSL;
	}

}
