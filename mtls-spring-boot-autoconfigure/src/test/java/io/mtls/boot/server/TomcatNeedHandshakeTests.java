package io.mtls.boot.server;

/**
 * Client authentication 'need' on Tomcat.
 */
class TomcatNeedHandshakeTests extends MtlsHandshakeTests.Need {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
