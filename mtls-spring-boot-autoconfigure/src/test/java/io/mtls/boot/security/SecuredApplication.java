package io.mtls.boot.security;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

import io.mtls.boot.core.identity.ClientIdentity;
import org.slf4j.MDC;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.event.AbstractAuthenticationEvent;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.servlet.ModelAndView;
import reactor.core.publisher.Mono;

/**
 * An application secured by the starter's default filter chain, answering with the
 * caller's principal name and authorities, as a servlet or a WebFlux application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ SecuredApplication.Endpoints.class, SecuredApplication.ServletEndpoints.class,
		SecuredApplication.ReactiveEndpoints.class })
public class SecuredApplication {

	static String describe(Authentication authentication, ClientIdentity identity) {
		List<String> authorities = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.sorted()
			.toList();
		return authentication.getName() + "|" + authorities + "|" + identity.subject();
	}

	/**
	 * Endpoints that read nothing stack-specific, so both stacks serve them.
	 */
	@RestController
	static class Endpoints {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal ClientIdentity identity, Authentication authentication) {
			return describe(authentication, identity);
		}

		@GetMapping("/open")
		String open() {
			return "open";
		}

		@GetMapping("/admin/status")
		String adminStatus() {
			return "admin";
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("boom");
		}

		@PostMapping(path = "/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
		String order(@RequestBody Map<String, Object> order) {
			return "ordered";
		}

		@GetMapping(path = "/report", produces = MediaType.APPLICATION_JSON_VALUE)
		Map<String, String> report() {
			return Map.of("report", "ok");
		}

	}

	@RestController
	@EnableMethodSecurity
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletEndpoints {

		@GetMapping("/workload")
		@PreAuthorize("principal.spiffeId.isPresent() and principal.spiffeId.get().trustDomain() == 'example.org'")
		String workload(@AuthenticationPrincipal ClientIdentity identity) {
			return identity.spiffeId().orElseThrow().toString();
		}

		@GetMapping("/ops")
		@PreAuthorize("hasRole('ADMIN')")
		String ops(@CurrentSecurityContext SecurityContext context) {
			return "ops " + context.getAuthentication().getName();
		}

		@GetMapping("/same-organization")
		@PreAuthorize("principal.subject.toString().endsWith('O=Example')")
		String sameOrganization(
				@CurrentSecurityContext(expression = "authentication.principal.commonName.get()") String cn) {
			return cn;
		}

		@GetMapping("/forward")
		ModelAndView forward() {
			return new ModelAndView("forward:/whoami");
		}

		@GetMapping("/async")
		Callable<String> async() {
			return () -> "async " + SecurityContextHolder.getContext().getAuthentication().getName();
		}

		@GetMapping("/mdc")
		String mdc() {
			return MDC.get(MtlsRequestAttributes.PRINCIPAL) + "|" + MDC.get(MtlsRequestAttributes.SPIFFE_ID) + "|"
					+ MDC.get(MtlsRequestAttributes.FINGERPRINT);
		}

		@Bean
		MdcAfterRequests mdcAfterRequests() {
			return new MdcAfterRequests();
		}

	}

	@RestController
	@EnableReactiveMethodSecurity
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEndpoints {

		@GetMapping("/workload")
		@PreAuthorize("principal.spiffeId.isPresent() and principal.spiffeId.get().trustDomain() == 'example.org'")
		Mono<String> workload(@AuthenticationPrincipal ClientIdentity identity) {
			return Mono.just(identity.spiffeId().orElseThrow().toString());
		}

		@GetMapping("/exchange-attributes")
		String exchangeAttributes(ServerWebExchange exchange) {
			return exchange.getAttribute(MtlsRequestAttributes.PRINCIPAL) + "|"
					+ exchange.getAttribute(MtlsRequestAttributes.SPIFFE_ID) + "|"
					+ exchange.getAttribute(MtlsRequestAttributes.FINGERPRINT);
		}

	}

	@Bean
	AuthenticationEvents authenticationEvents() {
		return new AuthenticationEvents();
	}

	/**
	 * Records any mTLS MDC entry still set once a request has left every other filter.
	 */
	static class MdcAfterRequests implements Filter, Ordered {

		final List<String> leftovers = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			chain.doFilter(request, response);
			for (String name : MtlsRequestAttributes.ALL) {
				if (MDC.get(name) != null) {
					this.leftovers.add(name);
				}
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

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
