package io.mtls.boot.autoconfigure;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.proxy.TrustedProxies;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.CompositeClientCertificateListener;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.ClientCertificateAuthoritiesMapper;
import io.mtls.boot.security.ForwardedClientCertificates;
import io.mtls.boot.security.RuleBasedAuthoritiesMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * What certificate authentication needs on either web stack: the rules, the provider that
 * turns a certificate into an identity and authorities, and the resolver of certificates
 * forwarded by trusted proxies. Imported by the servlet and the reactive security
 * auto-configurations, of which at most one applies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MtlsIdentityProperties.class, MtlsProxyProperties.class })
@Import(MtlsPropertiesConfiguration.class)
class MtlsAuthenticationConfiguration {

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
			ClientCertificateAuthoritiesMapper authoritiesMapper, ObjectProvider<RevocationChecker> revocation,
			Environment environment) {
		return new ClientCertificateAuthenticationProvider(principal(properties, environment), authoritiesMapper,
				properties.getIdentity().getCacheSize(), Clock.systemUTC(), revocation.getIfAvailable());
	}

	/**
	 * Returns the principal source: {@code mtls.identity.principal} when set, else the
	 * SPIFFE ID on the Workload API (peers on X509-SVIDs carry no CN), else the CN.
	 * @param properties the identity properties
	 * @param environment the environment, telling whether the principal was set
	 * @return the principal source
	 */
	static PrincipalSource principal(MtlsIdentityProperties properties, Environment environment) {
		Binder binder = Binder.get(environment);
		boolean set = binder.bind("mtls.identity.principal", PrincipalSource.class).isBound();
		boolean workloadApi = binder.bind("mtls.spiffe.workload-api.enabled", Boolean.class).orElse(false);
		return (!set && workloadApi) ? PrincipalSource.SPIFFE_ID : properties.getIdentity().getPrincipal();
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
		return new ForwardedClientCertificates(proxy.getFormat(), header, trusted, tls, listener(listeners));
	}

	/**
	 * Combines the application's client certificate listeners.
	 * @param listeners the listener beans
	 * @return one listener telling them all
	 */
	static ClientCertificateListener listener(ObjectProvider<ClientCertificateListener> listeners) {
		return new CompositeClientCertificateListener(listeners.orderedStream().toList());
	}

}
