package io.mtls.boot.security;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * The reactive face of a {@link ClientCertificateAuthenticationProvider}: the same
 * identities, rules, cache and reasons, and Spring Security's authentication success and
 * failure events, as the servlet {@code ProviderManager} publishes them. Other
 * authentication types are left to other managers (an empty answer).
 */
public class ClientCertificateReactiveAuthenticationManager implements ReactiveAuthenticationManager {

	private final ClientCertificateAuthenticationProvider provider;

	private final AuthenticationEventPublisher events;

	/**
	 * Creates a manager.
	 * @param provider authenticates {@link ClientCertificateAuthenticationToken}s
	 * @param events told about every outcome
	 */
	public ClientCertificateReactiveAuthenticationManager(ClientCertificateAuthenticationProvider provider,
			AuthenticationEventPublisher events) {
		this.provider = provider;
		this.events = events;
	}

	/**
	 * Returns a manager over another provider that publishes to the same events.
	 * @param provider the provider
	 * @return the manager
	 */
	ClientCertificateReactiveAuthenticationManager withProvider(ClientCertificateAuthenticationProvider provider) {
		return new ClientCertificateReactiveAuthenticationManager(provider, this.events);
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!this.provider.supports(authentication.getClass())) {
			return Mono.empty();
		}
		// cached per certificate and free of I/O: no need to leave the event loop
		return Mono.fromCallable(() -> {
			try {
				// the provider answers every token it supports, or throws
				Authentication result = Objects.requireNonNull(this.provider.authenticate(authentication));
				this.events.publishAuthenticationSuccess(result);
				return result;
			}
			catch (AuthenticationException ex) {
				this.events.publishAuthenticationFailure(ex, authentication);
				throw ex;
			}
		});
	}

}
