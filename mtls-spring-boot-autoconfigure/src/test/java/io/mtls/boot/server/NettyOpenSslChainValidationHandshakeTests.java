package io.mtls.boot.server;

/**
 * Client chain path building and validation through Reactor Netty with the openssl
 * engine.
 */
class NettyOpenSslChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY_OPENSSL;
	}

}
