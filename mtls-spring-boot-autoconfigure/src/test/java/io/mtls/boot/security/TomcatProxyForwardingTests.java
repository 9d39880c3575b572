package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Certificates forwarded by a real nginx, on Tomcat.
 */
class TomcatProxyForwardingTests extends ProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
