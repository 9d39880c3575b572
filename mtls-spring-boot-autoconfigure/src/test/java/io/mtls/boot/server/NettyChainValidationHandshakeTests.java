package io.mtls.boot.server;

/**
 * Client chain path building and validation through Reactor Netty.
 */
class NettyChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
