package io.mtls.boot.server;

/**
 * Client authentication 'want' on Reactor Netty.
 */
class NettyWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
