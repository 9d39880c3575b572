package io.mtls.boot.server.jetty;

import javax.net.ssl.SSLContext;

import io.mtls.boot.core.tls.ServerTls;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Jetty's TLS connectors use the mTLS {@link ServerTls} context, after Spring Boot
 * has set them up from the SSL bundle.
 */
public class JettyMtlsCustomizer
		implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory>, JettyServerCustomizer, Ordered {

	private final ServerTls tls;

	/**
	 * Creates a customizer serving the given context.
	 * @param tls the TLS context
	 */
	public JettyMtlsCustomizer(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void customize(ConfigurableJettyWebServerFactory factory) {
		factory.addServerCustomizers(this);
	}

	@Override
	public void customize(Server server) {
		for (Connector connector : server.getConnectors()) {
			SslConnectionFactory ssl = connector.getConnectionFactory(SslConnectionFactory.class);
			if (ssl != null) {
				SslContextFactory.Server factory = ssl.getSslContextFactory();
				factory.setSslContext(this.tls.sslContext());
				// Jetty keeps the context it started with: hand it each new one
				this.tls.addTarget((sslContext) -> reload(factory, sslContext));
			}
		}
	}

	private static void reload(SslContextFactory.Server factory, SSLContext sslContext) {
		try {
			factory.reload((reloaded) -> reloaded.setSslContext(sslContext));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Jetty could not switch its TLS context: " + ex, ex);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
