package io.mtls.boot.server;

/**
 * Client authentication 'want' on Jetty with the openssl engine.
 */
class JettyOpenSslWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY_OPENSSL;
	}

}
