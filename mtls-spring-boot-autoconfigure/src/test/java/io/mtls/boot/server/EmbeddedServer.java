package io.mtls.boot.server;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The embedded servers the starter supports, and a way to start {@link EchoApplication}
 * on one of them on a random loopback port.
 */
public enum EmbeddedServer {

	TOMCAT("org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration", "Tomcat",
			400),

	JETTY("org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration", "Jetty",
			431);

	private final String otherServerAutoConfiguration;

	private final String webServerPrefix;

	private final int headerTooLargeStatus;

	EmbeddedServer(String otherServerAutoConfiguration, String webServerPrefix, int headerTooLargeStatus) {
		this.otherServerAutoConfiguration = otherServerAutoConfiguration;
		this.webServerPrefix = webServerPrefix;
		this.headerTooLargeStatus = headerTooLargeStatus;
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
				"spring.autoconfigure.exclude=" + this.otherServerAutoConfiguration, "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		ServletWebServerApplicationContext context = (ServletWebServerApplicationContext) new SpringApplicationBuilder(
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
