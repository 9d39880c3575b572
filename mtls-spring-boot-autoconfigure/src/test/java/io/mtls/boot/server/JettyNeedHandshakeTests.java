package io.mtls.boot.server;

/**
 * Client authentication 'need' on Jetty.
 */
class JettyNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
