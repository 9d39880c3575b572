package io.mtls.boot.server;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Points the embedded server's default connector at an SSL bundle and sets its client
 * authentication mode. Works for every server that honours Spring Boot's {@link Ssl}
 * settings (Tomcat, Jetty, Reactor Netty).
 */
public class MtlsWebServerFactoryCustomizer
		implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	private final String bundleName;

	private final Ssl.ClientAuth clientAuth;

	private final SslBundles sslBundles;

	/**
	 * Creates a new customizer.
	 * @param bundleName the SSL bundle the server serves
	 * @param clientAuth the client authentication mode
	 * @param sslBundles the bundles to look the bundle up in
	 */
	public MtlsWebServerFactoryCustomizer(String bundleName, Ssl.ClientAuth clientAuth, SslBundles sslBundles) {
		this.bundleName = bundleName;
		this.clientAuth = clientAuth;
		this.sslBundles = sslBundles;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		Ssl ssl = new Ssl();
		ssl.setBundle(this.bundleName);
		ssl.setClientAuth(this.clientAuth);
		factory.setSsl(ssl);
		factory.setSslBundles(this.sslBundles);
	}

	/**
	 * Runs after Spring Boot's own customizers so that the mTLS settings win.
	 * @return the order
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
