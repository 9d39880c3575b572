package io.mtls.boot.security;

import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.server.EmbeddedServer;

/**
 * Recorded Xfcc header values, built to the format's documented encoding, on Tomcat.
 */
class TomcatXfccForwardingTests extends ForwardedFormatTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	ForwardedCertificateFormat format() {
		return ForwardedCertificateFormat.XFCC;
	}

}
