package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Certificates forwarded by a real nginx, on Jetty.
 */
class JettyProxyForwardingTests extends ProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
