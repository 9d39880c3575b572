package io.mtls.boot.server;

import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.openssl.NativeServerSslContext;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

/**
 * The embedded servers the starter supports, with each TLS engine where the server takes
 * it, and a way to start {@link EchoApplication} on one of them on a random loopback
 * port: Tomcat and Jetty as servlet applications, Reactor Netty as a WebFlux application.
 */
public enum EmbeddedServer {

	TOMCAT("servlet", "Tomcat", 400, "jdk", Servers.NOT_TOMCAT),

	JETTY("servlet", "Jetty", 431, "jdk", Servers.NOT_JETTY),

	NETTY("reactive", "Netty", 431, "jdk",
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration"),

	TOMCAT_OPENSSL("servlet", "Tomcat", 400, "openssl", Servers.NOT_TOMCAT),

	JETTY_OPENSSL("servlet", "Jetty", 431, "openssl", Servers.NOT_JETTY);

	private final String webApplicationType;

	private final String webServerPrefix;

	private final int headerTooLargeStatus;

	private final String engine;

	private final String[] otherServerAutoConfigurations;

	EmbeddedServer(String webApplicationType, String webServerPrefix, int headerTooLargeStatus, String engine,
			String... otherServerAutoConfigurations) {
		this.webApplicationType = webApplicationType;
		this.webServerPrefix = webServerPrefix;
		this.headerTooLargeStatus = headerTooLargeStatus;
		this.engine = engine;
		this.otherServerAutoConfigurations = otherServerAutoConfigurations;
	}

	/**
	 * Returns whether this server runs the application as a WebFlux application.
	 * @return whether the application is reactive
	 */
	public boolean reactive() {
		return this.webApplicationType.equals("reactive");
	}

	/**
	 * Returns the TLS engine ('mtls.server.engine') this variant runs.
	 * @return the engine's name
	 */
	public String engine() {
		return this.engine;
	}

	/**
	 * Returns the status this server answers a request whose header block exceeds
	 * {@code server.max-http-request-header-size} with, before any filter runs.
	 * @return the status code
	 */
	public int headerTooLargeStatus() {
		return this.headerTooLargeStatus;
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
	public ConfigurableWebServerApplicationContext start(String... properties) {
		return start(EchoApplication.class, properties);
	}

	/**
	 * Starts an application on this server with the given properties.
	 * @param application the application class
	 * @param properties property assignments
	 * @return the running application context
	 */
	public ConfigurableWebServerApplicationContext start(Class<?> application, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.web-application-type=" + this.webApplicationType,
				"spring.autoconfigure.exclude=" + String.join(",", this.otherServerAutoConfigurations),
				"spring.main.banner-mode=off", "mtls.server.engine=" + this.engine));
		all.addAll(List.of(properties));
		ConfigurableWebServerApplicationContext context = (ConfigurableWebServerApplicationContext) new SpringApplicationBuilder(
				application)
			.properties(all.toArray(String[]::new))
			.run();
		WebServer webServer = context.getWebServer();
		if (!webServer.getClass().getSimpleName().startsWith(this.webServerPrefix)) {
			context.close();
			throw new IllegalStateException(
					"Expected " + this.webServerPrefix + " but started " + webServer.getClass());
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

	private static final class Servers {

		static final String NOT_TOMCAT = "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration";

		static final String NOT_JETTY = "org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration";

	}

}
