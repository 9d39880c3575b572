package io.mtls.boot.security;

import io.mtls.boot.core.tls.ClientCertificateListener;
import org.jspecify.annotations.Nullable;

import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * The WebFlux counterpart of {@link MtlsConfigurer}: authenticates exchanges by their
 * verified (or trusted-proxy forwarded) client certificate, with no
 * {@code UserDetailsService}, and answers unauthenticated and forbidden exchanges with
 * {@code application/problem+json} and a reason. {@code ServerHttpSecurity} has no custom
 * DSL hook, so inject the auto-configured bean and apply it to your own chain:
 * {@code mtls.configure(http)}.
 */
public final class ReactiveMtlsConfigurer {

	private final ClientCertificateReactiveAuthenticationManager authenticationManager;

	private final ClientCertificateListener listener;

	private final @Nullable ForwardedClientCertificates forwarded;

	/**
	 * Creates a configurer.
	 * @param authenticationManager authenticates client certificates
	 * @param listener told about every authenticated and refused exchange
	 * @param forwarded resolves certificates forwarded by trusted proxies, or
	 * {@code null} to take only the handshake's
	 */
	public ReactiveMtlsConfigurer(ClientCertificateReactiveAuthenticationManager authenticationManager,
			ClientCertificateListener listener, @Nullable ForwardedClientCertificates forwarded) {
		this.authenticationManager = authenticationManager;
		this.listener = listener;
		this.forwarded = forwarded;
	}

	/**
	 * Returns a configurer that uses the given provider instead of the application's
	 * {@link ClientCertificateAuthenticationProvider} bean, for example to map one
	 * chain's clients differently.
	 * @param authenticationProvider the provider
	 * @return a new configurer
	 */
	public ReactiveMtlsConfigurer authenticationProvider(
			ClientCertificateAuthenticationProvider authenticationProvider) {
		return new ReactiveMtlsConfigurer(this.authenticationManager.withProvider(authenticationProvider),
				this.listener, this.forwarded);
	}

	/**
	 * Adds certificate authentication and the problem responses to a chain.
	 * @param http the chain's builder
	 * @return the builder, for chaining
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		ReactiveMtlsProblemResponses problemResponses = new ReactiveMtlsProblemResponses(this.listener);
		http.addFilterAt(new MtlsAuthenticationWebFilter(this.authenticationManager, problemResponses, this.listener,
				this.forwarded), SecurityWebFiltersOrder.AUTHENTICATION);
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problemResponses)
			.accessDeniedHandler(problemResponses));
		return http;
	}

}
