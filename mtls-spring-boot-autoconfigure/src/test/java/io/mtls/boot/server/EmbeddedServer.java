package io.mtls.boot.server;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

/**
 * The embedded servers the starter supports, and a way to start {@link EchoApplication}
 * on one of them on a random loopback port: Tomcat and Jetty as servlet applications,
 * Reactor Netty as a WebFlux application.
 */
public enum EmbeddedServer {

	TOMCAT("servlet", "Tomcat", 400,
			"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"),

	JETTY("servlet", "Jetty", 431,
			"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration"),

	NETTY("reactive", "Netty", 431,
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration",
			"org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration");

	private final String webApplicationType;

	private final String webServerPrefix;

	private final int headerTooLargeStatus;

	private final String[] otherServerAutoConfigurations;

	EmbeddedServer(String webApplicationType, String webServerPrefix, int headerTooLargeStatus,
			String... otherServerAutoConfigurations) {
		this.webApplicationType = webApplicationType;
		this.webServerPrefix = webServerPrefix;
		this.headerTooLargeStatus = headerTooLargeStatus;
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
				"spring.main.banner-mode=off"));
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
		return context;
	}

}
