package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.proxy.MtlsProxyContainer;

/**
 * A real caddy in a container in front of Tomcat.
 */
class TomcatCaddyContainerForwardingTests extends RealProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	MtlsProxyContainer newProxy() {
		return MtlsProxyContainer.caddy();
	}

}
