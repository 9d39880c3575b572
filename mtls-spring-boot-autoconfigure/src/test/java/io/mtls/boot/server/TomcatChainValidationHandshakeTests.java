package io.mtls.boot.server;

/**
 * Client chain path building and validation through Tomcat.
 */
class TomcatChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

}
