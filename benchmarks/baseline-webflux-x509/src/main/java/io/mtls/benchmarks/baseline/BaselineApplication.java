package io.mtls.benchmarks.baseline;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.CsrfSpec;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * mTLS on WebFlux as a user wires it without the starter: the server demands client
 * certificates through Spring Boot's {@code server.ssl} properties ({@code client-auth:
 * need}, the CA in {@code trust-certificate}), and Spring Security's {@code x509()} makes
 * each certificate's CN a user with {@code ROLE_USER}.
 */
@SpringBootApplication
public class BaselineApplication {

	public static void main(String[] args) {
		SpringApplication.run(BaselineApplication.class, args);
	}

	@Bean
	SecurityWebFilterChain x509SecurityWebFilterChain(ServerHttpSecurity http) {
		http.x509(Customizer.withDefaults());
		http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated());
		// stateless like the starter's default chain, so the load compares the mTLS
		// stacks
		// only
		http.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		http.csrf(CsrfSpec::disable);
		http.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()));
		return http.build();
	}

	@Bean
	ReactiveUserDetailsService certificateUsers() {
		// the handshake already verified the chain: every certificate the CA issued is a
		// user
		return (commonName) -> Mono.just(User.withUsername(commonName).password("").authorities("ROLE_USER").build());
	}

}
