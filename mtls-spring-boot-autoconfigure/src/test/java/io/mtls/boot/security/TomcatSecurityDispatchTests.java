package io.mtls.boot.security;

import java.nio.file.Path;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Dispatches, method security, access log and MDC on Tomcat.
 */
class TomcatSecurityDispatchTests extends SecurityDispatchTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.TOMCAT;
	}

	@Override
	String[] accessLogProperties(Path directory) {
		return new String[] { "server.tomcat.accesslog.enabled=true", "server.tomcat.accesslog.directory=" + directory,
				"server.tomcat.accesslog.rotate=false", "server.tomcat.accesslog.buffered=false",
				"server.tomcat.accesslog.pattern=%r %s %{mtls.principal}r %{mtls.spiffe-id}r %{mtls.fingerprint}r" };
	}

	@Override
	Path accessLog(Path directory) {
		return directory.resolve("access_log.log");
	}

}
