package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.ClientCertificateReactiveAuthenticationManager;
import io.mtls.boot.security.ForwardedClientCertificates;
import io.mtls.boot.security.ReactiveMtlsConfigurer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ConditionalOnDefaultReactiveWebSecurity;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.CsrfSpec;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Auto-configuration that turns verified client certificates into Spring Security
 * authentications in WebFlux applications: the same identity, rules and provider as the
 * servlet side, a {@link ReactiveMtlsConfigurer} for the application's own chains, and,
 * when the application defines no {@link SecurityWebFilterChain}, a default chain that
 * authenticates every exchange by certificate and applies
 * {@code mtls.authorization.access}.
 */
@AutoConfiguration(
		before = { ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class },
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ SecurityWebFilterChain.class, ServerHttpSecurity.class })
@Import(MtlsAuthenticationConfiguration.class)
public final class MtlsReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientCertificateReactiveAuthenticationManager mtlsReactiveAuthenticationManager(
			ClientCertificateAuthenticationProvider provider, ObjectProvider<AuthenticationEventPublisher> events,
			ApplicationEventPublisher applicationEvents) {
		return new ClientCertificateReactiveAuthenticationManager(provider,
				events.getIfAvailable(() -> new DefaultAuthenticationEventPublisher(applicationEvents)));
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveMtlsConfigurer mtlsReactiveConfigurer(ClientCertificateReactiveAuthenticationManager authenticationManager,
			ObjectProvider<ClientCertificateListener> listeners,
			ObjectProvider<ForwardedClientCertificates> forwarded) {
		return new ReactiveMtlsConfigurer(authenticationManager, MtlsAuthenticationConfiguration.listener(listeners),
				forwarded.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultReactiveWebSecurity
	static class DefaultSecurityWebFilterChainConfiguration {

		@Bean
		SecurityWebFilterChain mtlsSecurityWebFilterChain(ServerHttpSecurity http, ReactiveMtlsConfigurer mtls,
				MtlsIdentityProperties properties) {
			mtls.configure(http);
			http.authorizeExchange((exchanges) -> {
				AccessRules.apply(properties.getAuthorization().getAccess(), (patterns) -> {
					var paths = exchanges.pathMatchers(patterns);
					return new AccessRules.Paths(paths::permitAll, paths::authenticated, paths::hasAnyAuthority);
				});
				exchanges.anyExchange().authenticated();
			});
			// stateless: every exchange carries its certificate, so no session and no
			// CSRF token
			http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
			http.csrf(CsrfSpec::disable);
			http.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()));
			return http.build();
		}

	}

}
