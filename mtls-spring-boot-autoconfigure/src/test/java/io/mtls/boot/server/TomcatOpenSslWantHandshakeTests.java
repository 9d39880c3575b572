package io.mtls.boot.server;

/**
 * Client authentication 'want' on Tomcat with the openssl engine.
 */
class TomcatOpenSslWantHandshakeTests extends MtlsHandshakeTests.Want {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT_OPENSSL;
	}

}
