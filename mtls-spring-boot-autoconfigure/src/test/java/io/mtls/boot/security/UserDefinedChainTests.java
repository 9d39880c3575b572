package io.mtls.boot.security;

import io.mtls.boot.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authorization.AllAuthoritiesAuthorizationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.security.SecurityTestPki.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's own {@link SecurityFilterChain} with {@code http.with(mtls(), ...)}: the
 * default chain backs off and certificate authentication still works.
 */
class UserDefinedChainTests {

	@Test
	void userChainWithMtlsConfigurerAuthenticatesByCertificate() throws Exception {
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start(CustomChainApplication.class,
				EmbeddedServer.properties(SecurityTestPki.serverProperties("need"),
						"mtls.authorization.rules[0].subject=OU=ops",
						"mtls.authorization.rules[0].authorities=ROLE_OPS"))) {
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("userChain");
			assertThat(get(context, ROOT.client("CN=ann,OU=ops,O=Example").issue(), "/hello").body())
				.isEqualTo("hello ann");
			assertThat(get(context, ROOT.client("CN=bob,OU=dev,O=Example").issue(), "/hello").statusCode())
				.isEqualTo(403);
		}
	}

	@Test
	void certificateCountsAsTheX509FactorBesideTheUsersOwnAuthentication() throws Exception {
		try (ConfigurableWebServerApplicationContext context = EmbeddedServer.TOMCAT.start(MultiFactorApplication.class,
				EmbeddedServer.properties(SecurityTestPki.serverProperties("need"),
						"mtls.authorization.rules[0].subject=OU=ops",
						"mtls.authorization.rules[0].authorities=ROLE_OPS"))) {
			assertThat(get(context, ROOT.client("CN=ann,OU=ops,O=Example").issue(), "/hello").body())
				.isEqualTo("hello ann");
			assertThat(get(context, ROOT.client("CN=bob,OU=dev,O=Example").issue(), "/hello").statusCode())
				.isEqualTo(403);
			assertThat(context.getBean(SecuredApplication.AuthenticationEvents.class).events)
				.anySatisfy((event) -> assertThat(event).isInstanceOf(AuthenticationSuccessEvent.class));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class CustomChainApplication {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) {
			http.with(MtlsConfigurer.mtls(), (mtls) -> {
			});
			http.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority("ROLE_OPS"));
			return http.build();
		}

		@GetMapping("/hello")
		String hello(java.security.Principal principal) {
			return "hello " + principal.getName();
		}

	}

	/**
	 * A chain with its own user store and HTTP Basic beside mTLS, whose rule needs both
	 * the X.509 factor and a role, as Spring Security 7's multi-factor rules are written.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class MultiFactorApplication {

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("carol").password("{noop}secret").roles("OPS").build());
		}

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) {
			http.with(MtlsConfigurer.mtls(), (mtls) -> {
			});
			http.httpBasic(Customizer.withDefaults());
			http.authorizeHttpRequests((requests) -> requests.anyRequest()
				.access(AllAuthoritiesAuthorizationManager.hasAllAuthorities(FactorGrantedAuthority.X509_AUTHORITY,
						"ROLE_OPS")));
			return http.build();
		}

		@Bean
		SecuredApplication.AuthenticationEvents authenticationEvents() {
			return new SecuredApplication.AuthenticationEvents();
		}

		@GetMapping("/hello")
		String hello(java.security.Principal principal) {
			return "hello " + principal.getName();
		}

	}

}
