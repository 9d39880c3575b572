package io.mtls.boot.server;

/**
 * Client chain path building and validation through Jetty with the openssl engine.
 */
class JettyOpenSslChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY_OPENSSL;
	}

}
