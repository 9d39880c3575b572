package io.mtls.boot.server;

/**
 * Client authentication 'want' on Reactor Netty with the openssl engine.
 */
class NettyOpenSslWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY_OPENSSL;
	}

}
