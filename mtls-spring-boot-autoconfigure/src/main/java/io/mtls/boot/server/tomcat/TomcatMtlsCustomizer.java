package io.mtls.boot.server.tomcat;

import io.mtls.boot.core.tls.ServerTls;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Tomcat's TLS connectors use the mTLS {@link ServerTls} context, after Spring Boot
 * has set them up from the SSL bundle.
 */
public class TomcatMtlsCustomizer
		implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, TomcatConnectorCustomizer, Ordered {

	private final ServerTls tls;

	/**
	 * Creates a customizer serving the given context.
	 * @param tls the TLS context
	 */
	public TomcatMtlsCustomizer(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addConnectorCustomizers(this);
	}

	@Override
	public void customize(Connector connector) {
		ProtocolHandler handler = connector.getProtocolHandler();
		if (handler instanceof AbstractHttp11Protocol<?> protocol && protocol.isSSLEnabled()) {
			for (SSLHostConfig hostConfig : protocol.findSslHostConfigs()) {
				for (SSLHostConfigCertificate certificate : hostConfig.getCertificates(true)) {
					certificate.setSslContext(new TomcatSslContextAdapter(this.tls));
				}
			}
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
