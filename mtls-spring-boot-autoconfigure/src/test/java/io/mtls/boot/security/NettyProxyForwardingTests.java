package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Proxy-forwarded client certificates behind a real nginx, on Reactor Netty (WebFlux).
 */
class NettyProxyForwardingTests extends ProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.NETTY;
	}

}
