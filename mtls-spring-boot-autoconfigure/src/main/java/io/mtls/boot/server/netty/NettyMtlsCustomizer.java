package io.mtls.boot.server.netty;

import io.mtls.boot.core.tls.ServerTls;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes Reactor Netty's TLS use the mTLS {@link ServerTls} context, after Spring Boot has
 * set it up from the SSL bundle: Netty's {@code SslContext} wraps the JDK context built
 * from our key and trust managers, and is handed each new one on reload.
 */
public class NettyMtlsCustomizer implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, Ordered {

	private final ServerTls tls;

	/**
	 * Creates a customizer serving the given context.
	 * @param tls the TLS context
	 */
	public NettyMtlsCustomizer(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		Ssl ssl = factory.getSsl();
		if (!Ssl.isEnabled(ssl)) {
			return;
		}
		CurrentSslContext sslContext = new CurrentSslContext(this.tls.sslContext(), clientAuth(ssl.getClientAuth()),
				protocols(factory.getHttp2()));
		// Netty keeps the SslContext it started with: hand it each new JDK context
		this.tls.addTarget(sslContext::use);
		// runs after Boot's own TLS customizer, replacing the context it built from the
		// bundle
		factory.addServerCustomizers((server) -> server.secure((spec) -> spec.sslContext(sslContext)));
	}

	private static ClientAuth clientAuth(Ssl.@Nullable ClientAuth clientAuth) {
		if (clientAuth == null) {
			return ClientAuth.NONE;
		}
		return switch (clientAuth) {
			case NEED -> ClientAuth.REQUIRE;
			case WANT -> ClientAuth.OPTIONAL;
			case NONE -> ClientAuth.NONE;
		};
	}

	private static ApplicationProtocolConfig protocols(@Nullable Http2 http2) {
		if (http2 == null || !http2.isEnabled()) {
			return ApplicationProtocolConfig.DISABLED;
		}
		return new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
				SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
				ApplicationProtocolNames.HTTP_1_1);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
