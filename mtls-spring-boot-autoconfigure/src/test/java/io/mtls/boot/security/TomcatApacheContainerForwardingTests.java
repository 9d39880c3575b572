package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.test.proxy.MtlsProxyContainer;

/**
 * A real apache in a container in front of Tomcat.
 */
class TomcatApacheContainerForwardingTests extends RealProxyForwardingTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	MtlsProxyContainer newProxy() {
		return MtlsProxyContainer.apache();
	}

}
