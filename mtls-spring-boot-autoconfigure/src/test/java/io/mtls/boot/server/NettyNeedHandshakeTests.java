package io.mtls.boot.server;

/**
 * Client authentication 'need' on Reactor Netty.
 */
class NettyNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
