package io.mtls.boot.security;

import java.nio.file.Path;

import io.mtls.boot.server.EmbeddedServer;

/**
 * Dispatches, method security, access log and MDC on Jetty.
 */
class JettySecurityDispatchTests extends SecurityDispatchTests {

	@Override
	EmbeddedServer server() {
		return EmbeddedServer.JETTY;
	}

	@Override
	String[] accessLogProperties(Path directory) {
		return new String[] { "server.jetty.accesslog.enabled=true",
				"server.jetty.accesslog.filename=" + directory.resolve("access.log"),
				"server.jetty.accesslog.custom-format=%r %s %{mtls.principal}attr %{mtls.spiffe-id}attr %{mtls.fingerprint}attr" };
	}

	@Override
	Path accessLog(Path directory) {
		return directory.resolve("access.log");
	}

}
