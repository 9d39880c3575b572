package io.mtls.boot.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import jakarta.servlet.DispatcherType;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.proxy.TrustedProxies;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.CompositeClientCertificateListener;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.ClientCertificateAuthoritiesMapper;
import io.mtls.boot.security.ForwardedClientCertificates;
import io.mtls.boot.security.MtlsConfigurer;
import io.mtls.boot.security.MtlsMdcFilter;
import io.mtls.boot.security.RuleBasedAuthoritiesMapper;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
 * authentications: identity, rules from {@code mtls.authorization.rules}, and, when the
 * application defines no {@link SecurityFilterChain}, a default chain that authenticates
 * every request by certificate and applies {@code mtls.authorization.access}.
 */
@AutoConfiguration(before = ServletWebSecurityAutoConfiguration.class,
		beforeName = "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration")
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
@EnableConfigurationProperties({ MtlsIdentityProperties.class, MtlsProxyProperties.class })
@Import(MtlsPropertiesConfiguration.class)
public final class MtlsSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AuthorityRules mtlsAuthorityRules(MtlsIdentityProperties properties) {
		MtlsIdentityProperties.Authorization authorization = properties.getAuthorization();
		List<CertificateRule> rules = new ArrayList<>();
		for (int i = 0; i < authorization.getRules().size(); i++) {
			MtlsIdentityProperties.Rule rule = authorization.getRules().get(i);
			rules.add(CertificateCriteria.compile("mtls.authorization.rules[" + i + "]", rule.criteria(),
					rule.getAuthorities()));
		}
		return new AuthorityRules(authorization.getDefaultAuthorities(), rules);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientCertificateAuthoritiesMapper mtlsAuthoritiesMapper(AuthorityRules rules) {
		return new RuleBasedAuthoritiesMapper(rules);
	}

	@Bean
	@ConditionalOnMissingBean
	ClientCertificateAuthenticationProvider mtlsAuthenticationProvider(MtlsIdentityProperties properties,
			ClientCertificateAuthoritiesMapper authoritiesMapper, ObjectProvider<RevocationChecker> revocation) {
		return new ClientCertificateAuthenticationProvider(properties.getIdentity().getPrincipal(), authoritiesMapper,
				properties.getIdentity().getCacheSize(), Clock.systemUTC(), revocation.getIfAvailable());
	}

	@Bean
	@ConditionalOnBooleanProperty("mtls.proxy.enabled")
	@ConditionalOnMissingBean
	ForwardedClientCertificates mtlsForwardedClientCertificates(MtlsProxyProperties proxy,
			ObjectProvider<ServerTls> serverTls, ObjectProvider<ClientCertificateListener> listeners) {
		ServerTls tls = serverTls.getIfAvailable();
		if (tls == null) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.proxy.enabled' is true but no server key and trust material is configured, so forwarded "
							+ "certificates cannot be verified.",
					"Configure 'mtls.server.*' with the CA that issues client certificates in 'mtls.server.trust' "
							+ "(use 'mtls.server.client-auth: none' when only the proxy calls this service).");
		}
		List<CertificateRule> hops = new ArrayList<>();
		for (int i = 0; i < proxy.getTrustedHops().size(); i++) {
			hops.add(CertificateCriteria.compile("mtls.proxy.trusted-hops[" + i + "]", proxy.getTrustedHops().get(i),
					null));
		}
		TrustedProxies trusted;
		try {
			trusted = TrustedProxies.compile("mtls.proxy.trusted-addresses", proxy.getTrustedAddresses(), hops);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidMtlsConfigurationException(String.valueOf(ex.getMessage()),
					"List the addresses or CIDR blocks of your proxies in 'mtls.proxy.trusted-addresses', such as "
							+ "10.0.0.0/8; only they may forward a client certificate.");
		}
		String header = (proxy.getHeader() != null) ? proxy.getHeader() : proxy.getFormat().defaultHeader();
		return new ForwardedClientCertificates(proxy.getFormat(), header, trusted, tls,
				new CompositeClientCertificateListener(listeners.orderedStream().toList()));
	}

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
			List<MtlsIdentityProperties.Access> accessRules = properties.getAuthorization().getAccess();
			for (int i = 0; i < accessRules.size(); i++) {
				validate("mtls.authorization.access[" + i + "]", accessRules.get(i));
			}
			http.with(MtlsConfigurer.mtls(), Customizer.withDefaults());
			http.authorizeHttpRequests((requests) -> {
				for (MtlsIdentityProperties.Access access : accessRules) {
					var paths = requests.requestMatchers(access.getPattern().toArray(String[]::new));
					if (access.isPermitAll()) {
						paths.permitAll();
					}
					else if (access.getAuthorities().isEmpty()) {
						paths.authenticated();
					}
					else {
						paths.hasAnyAuthority(access.getAuthorities().toArray(String[]::new));
					}
				}
				requests.anyRequest().authenticated();
			});
			// stateless: every request carries its certificate, so no session and no CSRF
			// token
			http.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			http.csrf(AbstractHttpConfigurer::disable);
			http.requestCache(AbstractHttpConfigurer::disable);
			return http.build();
		}

		private static void validate(String property, MtlsIdentityProperties.Access access) {
			if (access.getPattern().isEmpty()) {
				throw new InvalidMtlsConfigurationException("'" + property + ".pattern' is missing.",
						"Give each access rule at least one path pattern, such as '/admin/**'.");
			}
			if (access.isPermitAll() && !access.getAuthorities().isEmpty()) {
				throw new InvalidMtlsConfigurationException(
						"'" + property + "' sets both 'permit-all' and 'authorities'.",
						"Remove 'authorities' to open the paths to everyone, or 'permit-all' to restrict them.");
			}
		}

	}

}
