package io.mtls.boot.revocation;

import io.mtls.boot.server.EmbeddedServer;

class NettyOcspHandshakeTests extends OcspHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
