package io.mtls.boot.server;

/**
 * Client authentication 'need' on Tomcat with the openssl engine.
 */
class TomcatOpenSslNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT_OPENSSL;
	}

}
