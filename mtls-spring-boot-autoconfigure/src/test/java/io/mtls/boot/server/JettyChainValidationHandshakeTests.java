package io.mtls.boot.server;

/**
 * Client chain path building and validation through Jetty.
 */
class JettyChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

}
