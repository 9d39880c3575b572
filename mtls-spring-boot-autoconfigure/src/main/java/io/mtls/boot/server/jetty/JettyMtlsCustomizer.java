package io.mtls.boot.server.jetty;

import io.mtls.boot.core.tls.ServerTls;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;

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
				ssl.getSslContextFactory().setSslContext(this.tls.sslContext());
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
