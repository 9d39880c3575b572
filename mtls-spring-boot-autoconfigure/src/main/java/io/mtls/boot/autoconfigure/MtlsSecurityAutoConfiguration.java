package io.mtls.boot.autoconfigure;

import java.util.EnumSet;

import jakarta.servlet.DispatcherType;

import io.mtls.boot.security.MtlsConfigurer;
import io.mtls.boot.security.MtlsMdcFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Auto-configuration that turns verified client certificates into Spring Security
 * authentications in servlet applications: identity, rules from
 * {@code mtls.authorization.rules}, and, when the application defines no
 * {@link SecurityFilterChain}, a default chain that authenticates every request by
 * certificate and applies {@code mtls.authorization.access}.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
@Import(MtlsAuthenticationConfiguration.class)
public final class MtlsSecurityAutoConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("mtls.identity.mdc")
	@ConditionalOnClass(name = "org.slf4j.MDC")
	@ConditionalOnMissingBean(name = "mtlsMdcFilter")
	FilterRegistrationBean<MtlsMdcFilter> mtlsMdcFilter(ObjectProvider<SecurityFilterProperties> securityFilter) {
		FilterRegistrationBean<MtlsMdcFilter> registration = new FilterRegistrationBean<>(new MtlsMdcFilter());
		// right after Spring Security's filter, which records who called
		registration.setOrder(securityFilter.getIfAvailable(SecurityFilterProperties::new).getOrder() + 1);
		registration.setDispatcherTypes(EnumSet.allOf(DispatcherType.class));
		return registration;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnDefaultWebSecurity
	static class DefaultSecurityFilterChainConfiguration {

		@Bean
		@Order(SecurityFilterProperties.BASIC_AUTH_ORDER)
		SecurityFilterChain mtlsSecurityFilterChain(HttpSecurity http, MtlsIdentityProperties properties) {
			http.with(MtlsConfigurer.mtls(), Customizer.withDefaults());
			http.authorizeHttpRequests((requests) -> {
				AccessRules.apply(properties.getAuthorization().getAccess(), (patterns) -> {
					var paths = requests.requestMatchers(patterns);
					return new AccessRules.Paths(paths::permitAll, paths::authenticated, paths::hasAnyAuthority);
				});
				requests.anyRequest().authenticated();
			});
			// stateless: every request carries its certificate, so no session and no CSRF
			// token
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf(AbstractHttpConfigurer::disable);
			http.requestCache(AbstractHttpConfigurer::disable);
			return http.build();
		}

	}

}
