package io.mtls.boot.server;

/**
 * Client chain path building and validation through Tomcat with the openssl engine.
 */
class TomcatOpenSslChainValidationHandshakeTests extends ChainValidationHandshakeTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT_OPENSSL;
	}

}
