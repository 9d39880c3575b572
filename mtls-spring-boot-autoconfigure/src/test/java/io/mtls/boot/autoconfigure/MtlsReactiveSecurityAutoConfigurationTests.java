package io.mtls.boot.autoconfigure;

import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.ClientCertificateReactiveAuthenticationManager;
import io.mtls.boot.security.ReactiveMtlsConfigurer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-offs of {@link MtlsReactiveSecurityAutoConfiguration}, and that the
 * servlet and reactive security auto-configurations each apply only to their own kind of
 * web application.
 */
class MtlsReactiveSecurityAutoConfigurationTests {

	private static final AutoConfigurations BOTH_STACKS = AutoConfigurations.of(MtlsSecurityAutoConfiguration.class,
			MtlsReactiveSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
			ReactiveUserDetailsServiceAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
			ServletWebSecurityAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(BOTH_STACKS);

	@Test
	void reactiveApplicationGetsTheConfigurerTheDefaultChainAndNoGeneratedUser() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ClientCertificateAuthenticationProvider.class)
				.hasSingleBean(ClientCertificateReactiveAuthenticationManager.class)
				.hasSingleBean(ReactiveMtlsConfigurer.class)
				.doesNotHaveBean(ReactiveUserDetailsService.class)
				.doesNotHaveBean(SecurityFilterChain.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class))
				.containsOnlyKeys("mtlsSecurityWebFilterChain");
		});
	}

	@Test
	void servletApplicationGetsNoReactiveSecurity() {
		new WebApplicationContextRunner().withConfiguration(BOTH_STACKS).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ClientCertificateAuthenticationProvider.class)
				.doesNotHaveBean(ReactiveMtlsConfigurer.class)
				.doesNotHaveBean(SecurityWebFilterChain.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("mtlsSecurityFilterChain");
		});
	}

	@Test
	void defaultChainBacksOffFromAUserChainWhichCanApplyTheConfigurer() {
		this.runner.withUserConfiguration(UserChain.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(ReactiveMtlsConfigurer.class);
			assertThat(context.getBeansOfType(SecurityWebFilterChain.class)).containsOnlyKeys("userChain");
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveMtlsConfigurer.class)
				.doesNotHaveBean("mtlsSecurityWebFilterChain"));
	}

	@Test
	void invalidAccessRuleFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("mtls.authorization.access[0].pattern=/admin/**",
				"mtls.authorization.access[0].permit-all=true", "mtls.authorization.access[0].authorities=ROLE_ADMIN")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription())
					.contains("'mtls.authorization.access[0]' sets both 'permit-all' and 'authorities'");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http, ReactiveMtlsConfigurer mtls) {
			mtls.configure(http);
			http.authorizeExchange((exchanges) -> exchanges.anyExchange().hasAuthority("ROLE_OPS"));
			return http.build();
		}

	}

}
