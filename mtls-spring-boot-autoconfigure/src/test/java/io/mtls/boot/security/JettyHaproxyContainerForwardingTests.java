package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.proxy.MtlsProxyContainer;

/**
 * A real haproxy in a container in front of Jetty.
 */
class JettyHaproxyContainerForwardingTests extends RealProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

	@Override
	MtlsProxyContainer newProxy() {
		return MtlsProxyContainer.haproxy();
	}

}
