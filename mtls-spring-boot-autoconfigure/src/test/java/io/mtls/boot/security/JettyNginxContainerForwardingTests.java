package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.proxy.MtlsProxyContainer;

/**
 * A real nginx in a container in front of Jetty.
 */
class JettyNginxContainerForwardingTests extends RealProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

	@Override
	MtlsProxyContainer newProxy() {
		return MtlsProxyContainer.nginx();
	}

}
