package io.mtls.boot.server;

/**
 * Client authentication 'want' on Jetty.
 */
class JettyWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
