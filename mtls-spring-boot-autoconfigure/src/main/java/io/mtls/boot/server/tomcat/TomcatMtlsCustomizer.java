package io.mtls.boot.server.tomcat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.tls.ServerTlsEngine;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.openssl.ciphers.Group;
import org.apache.tomcat.util.net.openssl.ciphers.OpenSSLCipherConfigurationParser;

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

	private static final Set<Group> NATIVE_GROUPS = Set.of(Group.x25519, Group.secp256r1, Group.secp384r1,
			Group.secp521r1);

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
				if (this.tls.engine() != ServerTlsEngine.jdk()) {
					keepWhatTheEngineSupports(hostConfig);
				}
				for (SSLHostConfigCertificate certificate : hostConfig.getCertificates(true)) {
					certificate.setSslContext(new TomcatSslContextAdapter(this.tls));
				}
			}
		}
	}

	/**
	 * Narrows the configured TLS 1.2 ciphers and key exchange groups to those a native
	 * engine implements: Tomcat lists them against the JDK's, and the engine refuses
	 * names it lacks (DHE and DSS ciphers; x448, ffdhe and brainpool groups, which Tomcat
	 * offers on JDK 20 and later).
	 */
	private void keepWhatTheEngineSupports(SSLHostConfig hostConfig) {
		Set<String> supported = Set.of(this.tls.sslContext().getSupportedSSLParameters().getCipherSuites());
		List<String> ciphers = hostConfig.getJsseCipherNames()
			.stream()
			.filter((cipher) -> !OpenSSLCipherConfigurationParser.isTls13Cipher(cipher) && supported.contains(cipher))
			.toList();
		hostConfig.setCiphers(String.join(",", ciphers));
		// no list configured: Tomcat offers every group it knows
		Set<Group> configured = (hostConfig.getGroupList() != null) ? hostConfig.getGroupList()
				: EnumSet.allOf(Group.class);
		List<String> groups = configured.stream().filter(NATIVE_GROUPS::contains).map(Group::name).toList();
		hostConfig.setGroups(String.join(",", groups));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
