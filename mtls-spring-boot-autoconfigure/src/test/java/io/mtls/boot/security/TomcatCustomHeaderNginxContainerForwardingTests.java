package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.proxy.MtlsProxyContainer;

/**
 * A real nginx in a container in front of Tomcat, forwarding in a header of its own
 * choosing instead of ingress-nginx's {@code ssl-client-cert}.
 */
class TomcatCustomHeaderNginxContainerForwardingTests extends RealProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	MtlsProxyContainer newProxy() {
		return MtlsProxyContainer.nginx().withHeader("X-SSL-Client-Cert");
	}

}
