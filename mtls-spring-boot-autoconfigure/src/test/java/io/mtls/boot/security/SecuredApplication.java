package io.mtls.boot.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application secured by the starter's default filter chain, answering with the
 * caller's principal name and authorities.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableMethodSecurity
@RestController
public class SecuredApplication {

	@GetMapping("/whoami")
	String whoami(@AuthenticationPrincipal ClientIdentity identity, Authentication authentication) {
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.toList();
		return authentication.getName() + "|" + authorities + "|" + identity.subject();
	}

	@GetMapping("/open")
	String open() {
		return "open";
	}

	@GetMapping("/admin/status")
	String adminStatus() {
		return "admin";
	}

	@GetMapping("/workload")
	@PreAuthorize("principal.spiffeId.isPresent() and principal.spiffeId.get().trustDomain() == 'example.org'")
	String workload(@AuthenticationPrincipal ClientIdentity identity) {
		return identity.spiffeId().orElseThrow().toString();
	}

	@Bean
	AuthenticationEvents authenticationEvents() {
		return new AuthenticationEvents();
	}

	/**
	 * Records Spring Security's authentication events, as an audit listener would.
	 */
	static class AuthenticationEvents implements ApplicationListener<AbstractAuthenticationEvent> {

		final List<AbstractAuthenticationEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(AbstractAuthenticationEvent event) {
			this.events.add(event);
		}

	}

}
