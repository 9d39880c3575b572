package io.mtls.boot.server;

/**
 * Client authentication 'need' on Jetty with the openssl engine.
 */
class JettyOpenSslNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY_OPENSSL;
	}

}
