package io.mtls.boot.server;

/**
 * Client authentication 'need' on Reactor Netty with the openssl engine.
 */
class NettyOpenSslNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY_OPENSSL;
	}

}
