package io.mtls.boot.security;

import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.server.EmbeddedServer;

/**
 * Recorded AwsAlb header values, built to the format's documented encoding, on Tomcat.
 */
class TomcatAwsAlbForwardingTests extends ForwardedFormatTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	ForwardedCertificateFormat format() {
		return ForwardedCertificateFormat.AWS_ALB;
	}

}
