package io.mtls.boot.security;

import java.time.Clock;
import java.util.List;

import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.CompositeClientCertificateListener;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Spring Security DSL that authenticates requests by their verified client certificate,
 * with no {@code UserDetailsService}: {@code http.with(MtlsConfigurer.mtls(), (mtls) ->
 * {})}. Unauthenticated and forbidden requests get {@code application/problem+json}
 * answers with a reason, and Spring Security's authentication events are published. Like
 * Spring Security's {@code x509()}, it adds its provider to the chain's shared
 * {@link AuthenticationManager}, beside any other way the chain authenticates.
 * <p>
 * By default it uses the {@link ClientCertificateAuthenticationProvider} bean that the
 * mTLS auto-configuration defines from {@code mtls.identity.*} and
 * {@code mtls.authorization.rules}.
 */
public final class MtlsConfigurer extends AbstractHttpConfigurer<MtlsConfigurer, HttpSecurity> {

	private static final int DEFAULT_CACHE_SIZE = 10_000;

	private @Nullable ClientCertificateAuthenticationProvider authenticationProvider;

	private MtlsConfigurer() {
	}

	/**
	 * Returns a new configurer for {@link HttpSecurity#with}.
	 * @return the configurer
	 */
	public static MtlsConfigurer mtls() {
		return new MtlsConfigurer();
	}

	/**
	 * Uses the given provider instead of the application's
	 * {@link ClientCertificateAuthenticationProvider} bean, for example to map one filter
	 * chain's clients differently.
	 * @param authenticationProvider the provider
	 * @return this configurer
	 */
	public MtlsConfigurer authenticationProvider(ClientCertificateAuthenticationProvider authenticationProvider) {
		this.authenticationProvider = authenticationProvider;
		return this;
	}

	@Override
	public void init(HttpSecurity http) {
		http.authenticationProvider(provider(http.getSharedObject(ApplicationContext.class)));
		MtlsProblemResponses problemResponses = problemResponses(http);
		ExceptionHandlingConfigurer<HttpSecurity> exceptions = http.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptions != null) {
			exceptions.defaultAuthenticationEntryPointFor(problemResponses, AnyRequestMatcher.INSTANCE);
			exceptions.defaultAccessDeniedHandlerFor(problemResponses, AnyRequestMatcher.INSTANCE);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		MtlsAuthenticationFilter filter = new MtlsAuthenticationFilter(
				http.getSharedObject(AuthenticationManager.class), problemResponses(http),
				getSecurityContextHolderStrategy(), listener(context),
				context.getBeanProvider(ForwardedClientCertificates.class).getIfAvailable());
		http.addFilterAt(postProcess(filter), X509AuthenticationFilter.class);
	}

	private MtlsProblemResponses problemResponses(HttpSecurity http) {
		MtlsProblemResponses problemResponses = http.getSharedObject(MtlsProblemResponses.class);
		if (problemResponses == null) {
			problemResponses = new MtlsProblemResponses(listener(http.getSharedObject(ApplicationContext.class)));
			http.setSharedObject(MtlsProblemResponses.class, problemResponses);
		}
		return problemResponses;
	}

	private static ClientCertificateListener listener(ApplicationContext context) {
		return new CompositeClientCertificateListener(
				context.getBeanProvider(ClientCertificateListener.class).orderedStream().toList());
	}

	private ClientCertificateAuthenticationProvider provider(ApplicationContext context) {
		if (this.authenticationProvider != null) {
			return this.authenticationProvider;
		}
		// without the auto-configuration: CN principals and no authorities beyond being
		// authenticated
		return context.getBeanProvider(ClientCertificateAuthenticationProvider.class)
			.getIfAvailable(() -> new ClientCertificateAuthenticationProvider(PrincipalSource.CN,
					new RuleBasedAuthoritiesMapper(new AuthorityRules(List.of(), List.of())), DEFAULT_CACHE_SIZE,
					Clock.systemUTC()));
	}

}
