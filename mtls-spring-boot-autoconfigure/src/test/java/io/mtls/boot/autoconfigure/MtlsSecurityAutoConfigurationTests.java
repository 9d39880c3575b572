package io.mtls.boot.autoconfigure;

import java.util.List;

import jakarta.servlet.DispatcherType;

import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.ClientCertificateAuthoritiesMapper;
import io.mtls.boot.security.MtlsMdcFilter;
import io.mtls.boot.security.RuleBasedAuthoritiesMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions, back-offs and rule validation of {@link MtlsSecurityAutoConfiguration}.
 */
class MtlsSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MtlsSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	@Test
	void definesTheDefaultChainAndNoUserDetailsService() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(ClientCertificateAuthenticationProvider.class)
				.hasSingleBean(RuleBasedAuthoritiesMapper.class)
				.doesNotHaveBean(UserDetailsService.class);
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("mtlsSecurityFilterChain");
		});
	}

	@Test
	void defaultChainBacksOffFromAUserChain() {
		this.runner.withUserConfiguration(UserChain.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("userChain");
			assertThat(context).hasSingleBean(ClientCertificateAuthenticationProvider.class);
		});
	}

	@Test
	void mdcFilterOnlyWhenEnabledRightAfterTheSecurityFilterOnEveryDispatch() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean("mtlsMdcFilter"));
		this.runner.withConfiguration(AutoConfigurations.of(SecurityFilterAutoConfiguration.class))
			.withPropertyValues("mtls.identity.mdc=true", "spring.security.filter.order=5")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean("mtlsMdcFilter", FilterRegistrationBean.class);
				assertThat(registration.getFilter()).isInstanceOf(MtlsMdcFilter.class);
				assertThat(registration.getOrder()).isEqualTo(6);
				assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.values());
			});
		this.runner.withPropertyValues("mtls.identity.mdc=true")
			.withClassLoader(new FilteredClassLoader("org.slf4j"))
			.run((context) -> assertThat(context).doesNotHaveBean("mtlsMdcFilter"));
	}

	@Test
	void authoritiesMapperBeanReplacesTheRules() {
		this.runner.withUserConfiguration(UserMapper.class)
			.run((context) -> assertThat(context.getBean(ClientCertificateAuthoritiesMapper.class))
				.isSameAs(UserMapper.MAPPER));
	}

	@Test
	void backsOffWhenDisabledOrWithoutSpringSecurity() {
		this.runner.withPropertyValues("mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ClientCertificateAuthenticationProvider.class));
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MtlsSecurityAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SecurityFilterChain.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ClientCertificateAuthenticationProvider.class));
	}

	@Test
	void compilesRulesAndDefaults() {
		this.runner
			.withPropertyValues("mtls.authorization.default-authorities=ROLE_CLIENT",
					"mtls.authorization.rules[0].subject=OU=ops", "mtls.authorization.rules[0].authorities=ROLE_OPS")
			.run((context) -> assertThat(context.getBean(AuthorityRules.class).rules()).hasSize(1));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					malformed subject DN       | mtls.authorization.rules[0].subject=CN=a,,O=b     | mtls.authorization.rules[0].subject
					DNS glob in the middle     | mtls.authorization.rules[0].san-dns=a.*.example.org | mtls.authorization.rules[0].san-dns
					invalid SPIFFE pattern     | mtls.authorization.rules[0].spiffe-id=spiffe://Bad/x | mtls.authorization.rules[0].spiffe-id
					malformed CIDR             | mtls.authorization.rules[0].san-ip=10.0.0.0/99     | mtls.authorization.rules[0].san-ip
					""")
	void invalidRulesFailStartupNamingTheRule(String scenario, String property, String expected) {
		this.runner.withPropertyValues(property, "mtls.authorization.rules[0].authorities=ROLE_X")
			.run((context) -> assertAnalyzed(context.getStartupFailure(), expected));
	}

	@Test
	void ruleWithoutAuthoritiesFailsStartup() {
		this.runner.withPropertyValues("mtls.authorization.rules[0].subject=OU=ops")
			.run((context) -> assertAnalyzed(context.getStartupFailure(), "mtls.authorization.rules[0]"));
	}

	@Test
	void ruleWithoutCriteriaFailsStartup() {
		this.runner.withPropertyValues("mtls.authorization.rules[0].authorities=ROLE_X")
			.run((context) -> assertAnalyzed(context.getStartupFailure(), "mtls.authorization.rules[0]"));
	}

	@Test
	void unknownRuleKeyFailsStartupNamingTheKeyAndTheValidOnes() {
		this.runner
			.withPropertyValues("mtls.authorization.rules[0].sujbect=OU=ops",
					"mtls.authorization.rules[0].authorities=ROLE_X")
			.run((context) -> {
				assertAnalyzed(context.getStartupFailure(), "mtls.authorization.rules[0].sujbect");
				assertThat(new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("The keys of 'mtls.authorization.rules[0]' are: authorities, fingerprint, issuer, "
							+ "san-dns, san-email, san-ip, san-uri, spiffe-id, subject.");
			});
	}

	@Test
	void unknownKeyUnderAnUnknownParentListsTheKeysOfTheNearestKnownOne() {
		this.runner.withPropertyValues("mtls.authorisation.rules[0].subject=OU=ops")
			.run((context) -> assertThat(new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()))
				.satisfies((analysis) -> {
					assertThat(analysis.getDescription()).contains("'mtls.authorisation.rules[0].subject'");
					assertThat(analysis.getAction()).contains(
							"The keys of 'mtls' are: actuator, authorization, client, dev, enabled, identity, proxy, reload, revocation, server, spiffe.");
				}));
	}

	@Test
	void keysOfEveryPropertiesClassAreKnownWhicheverAutoConfigurationBindsFirst() {
		this.runner
			.withPropertyValues("mtls.server.client-auth=want", "mtls.reload.quiet-period=1s", "mtls.dev.directory=x",
					"mtls.actuator.expiry-warning=7d", "mtls.actuator.crl-warning=2h", "mtls.client.trust[0]=ca.pem",
					"mtls.client.server-identity.san-dns=api.example.org", "mtls.proxy.format=xfcc",
					"mtls.proxy.trusted-hops[0].subject=CN=proxy", "mtls.revocation.mode=soft",
					"mtls.revocation.ocsp.timeout=1s", "mtls.revocation.deny[0]=serial:01")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withPropertyValues("mtls.actuator.expiry-warnin=7d")
			.run((context) -> assertThat(new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()))
				.satisfies((analysis) -> {
					assertThat(analysis.getDescription()).contains("'mtls.actuator.expiry-warnin'");
					assertThat(analysis.getAction()).contains(
							"The keys of 'mtls.actuator' are: client-inventory-size, crl-warning, expiry-warning.");
				}));
	}

	@Test
	void typoUnderProxyFailsStartupNamingTheValidKeys() {
		this.runner.withPropertyValues("mtls.proxy.trusted-adresses=10.0.0.0/8")
			.run((context) -> assertThat(new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()))
				.satisfies((analysis) -> {
					assertThat(analysis.getDescription()).contains("'mtls.proxy.trusted-adresses'");
					assertThat(analysis.getAction()).contains(
							"The keys of 'mtls.proxy' are: enabled, format, header, trusted-addresses, trusted-hops.");
				}));
	}

	@Test
	void typoUnderRevocationFailsStartupNamingTheValidKeys() {
		this.runner.withPropertyValues("mtls.revocation.ocsp.timout=1s", "mtls.revocation.deny-fil=deny.txt")
			.run((context) -> assertThat(new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()))
				.satisfies((analysis) -> {
					assertThat(analysis.getDescription()).contains("'mtls.revocation.ocsp.timout'")
						.contains("'mtls.revocation.deny-fil'");
					assertThat(analysis.getAction())
						.contains("The keys of 'mtls.revocation.ocsp' are: cache, cache-size, enabled, "
								+ "max-concurrent-requests, nonce, responder, timeout.")
						.contains("The keys of 'mtls.revocation' are: crl, deny, deny-file, mode, ocsp.");
				}));
	}

	@Test
	void badValueIsReportedAsSuchNotAsAnUnknownKey() {
		this.runner.withPropertyValues("mtls.identity.principal=common-name")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageNotContaining("Unknown mtls property"));
	}

	@Test
	void accessRuleWithoutPatternFailsStartup() {
		this.runner.withPropertyValues("mtls.authorization.access[0].authorities=ROLE_ADMIN")
			.run((context) -> assertAnalyzed(context.getStartupFailure(), "mtls.authorization.access[0].pattern"));
	}

	@Test
	void accessRuleWithPermitAllAndAuthoritiesFailsStartup() {
		this.runner.withPropertyValues("mtls.authorization.access[0].pattern=/x",
				"mtls.authorization.access[0].permit-all=true", "mtls.authorization.access[0].authorities=ROLE_ADMIN")
			.run((context) -> assertAnalyzed(context.getStartupFailure(), "mtls.authorization.access[0]"));
	}

	private static void assertAnalyzed(Throwable failure, String property) {
		assertThat(failure).as("startup failure").isNotNull();
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of " + failure).isNotNull();
		assertThat(analysis.getDescription()).contains("'" + property);
		assertThat(analysis.getAction()).isNotBlank();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) {
			return http.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMapper {

		static final ClientCertificateAuthoritiesMapper MAPPER = (identity) -> List.of();

		@Bean
		ClientCertificateAuthoritiesMapper userMapper() {
			return MAPPER;
		}

	}

}
