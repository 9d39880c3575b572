package io.mtls.boot.server;

/**
 * Client authentication 'want' on Tomcat.
 */
class TomcatWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
