package io.mtls.boot.server;

import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.openssl.NativeServerSslContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The embedded servers the starter supports, each with each TLS engine, and a way to
 * start {@link EchoApplication} on one of them on a random loopback port.
 */
public enum EmbeddedServer {

	TOMCAT(Server.TOMCAT, "jdk"),

	JETTY(Server.JETTY, "jdk"),

	TOMCAT_OPENSSL(Server.TOMCAT, "openssl"),

	JETTY_OPENSSL(Server.JETTY, "openssl");

	private final Server server;

	private final String engine;

	EmbeddedServer(Server server, String engine) {
		this.server = server;
		this.engine = engine;
	}

	/**
	 * Returns the TLS engine ('mtls.server.engine') this variant runs.
	 * @return the engine's name
	 */
	public String engine() {
		return this.engine;
	}

	/**
	 * Joins property assignments.
	 * @param base the first assignments
	 * @param more further assignments
	 * @return all assignments
	 */
	public static String[] properties(String[] base, String... more) {
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	/**
	 * Starts {@link EchoApplication} on this server with the given properties.
	 * @param properties property assignments
	 * @return the running application context
	 */
	public ServletWebServerApplicationContext start(String... properties) {
		return start(EchoApplication.class, properties);
	}

	/**
	 * Starts an application on this server with the given properties.
	 * @param application the application class
	 * @param properties property assignments
	 * @return the running application context
	 */
	public ServletWebServerApplicationContext start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.autoconfigure.exclude=" + this.server.otherServerAutoConfiguration,
				"spring.main.banner-mode=off", "mtls.server.engine=" + this.engine));
		all.addAll(List.of(properties));
		ServletWebServerApplicationContext context = (ServletWebServerApplicationContext) new SpringApplicationBuilder(
				application)
			.properties(all.toArray(String[]::new))
			.run();
		WebServer webServer = context.getWebServer();
		if (!webServer.getClass().getSimpleName().startsWith(this.server.webServerPrefix)) {
			context.close();
			throw new IllegalStateException(
					"Expected " + this.server.webServerPrefix + " but started " + webServer.getClass());
		}
		ServerTls tls = context.getBeanProvider(ServerTls.class).getIfAvailable();
		if (tls != null && !(tls.engine().name().equals(this.engine)
				&& (tls.sslContext() instanceof NativeServerSslContext) == this.engine.equals("openssl"))) {
			context.close();
			throw new IllegalStateException("Expected the " + this.engine + " engine but got " + tls.engine().name()
					+ " serving " + tls.sslContext().getClass());
		}
		return context;
	}

	private enum Server {

		TOMCAT("org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration", "Tomcat"),

		JETTY("org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration", "Jetty");

		private final String otherServerAutoConfiguration;

		private final String webServerPrefix;

		Server(String otherServerAutoConfiguration, String webServerPrefix) {
			this.otherServerAutoConfiguration = otherServerAutoConfiguration;
			this.webServerPrefix = webServerPrefix;
		}

	}

}
