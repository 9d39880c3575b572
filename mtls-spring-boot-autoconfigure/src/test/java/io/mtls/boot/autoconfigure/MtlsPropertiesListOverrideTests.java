package io.mtls.boot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.security.SecuredApplication;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A list under {@code mtls.*} given again by a later property source (profile file,
 * command line, environment variable) replaces the whole list, as in any Spring Boot
 * application, while an unknown key still stops startup. The base configuration,
 * {@code mtls-list-override.yml}, has two entries in each list.
 */
class MtlsPropertiesListOverrideTests {

	@Test
	void profileFileReplacesEveryList() {
		try (ConfigurableApplicationContext context = start(Map.of(), "--spring.profiles.active=prod")) {
			MtlsIdentityProperties properties = context.getBean(MtlsIdentityProperties.class);
			MtlsServerProperties server = context.getBean(MtlsServerProperties.class);
			assertThat(properties.getAuthorization().getRules()).singleElement()
				.satisfies((rule) -> assertThat(rule.getSpiffeId()).isEqualTo("spiffe://example.org/ns/prod/sa/api"));
			assertThat(properties.getAuthorization().getAccess()).singleElement()
				.satisfies((access) -> assertThat(access.getPattern()).containsExactly("/prod/**"));
			assertThat(server.getServer().getTrust()).hasSize(1);
			assertThat(context.getBean(AuthorityRules.class).rules()).hasSize(1);
		}
	}

	@Test
	void commandLineReplacesTheRulesAndAccess() {
		try (ConfigurableApplicationContext context = start(Map.of(),
				"--mtls.authorization.rules[0].san-dns=cli.example.org",
				"--mtls.authorization.rules[0].authorities=ROLE_CLI",
				"--mtls.authorization.access[0].pattern=/cli/**")) {
			MtlsIdentityProperties properties = context.getBean(MtlsIdentityProperties.class);
			MtlsServerProperties server = context.getBean(MtlsServerProperties.class);
			assertThat(properties.getAuthorization().getRules()).singleElement()
				.satisfies((rule) -> assertThat(rule.getSanDns()).isEqualTo("cli.example.org"));
			assertThat(properties.getAuthorization().getAccess()).singleElement()
				.satisfies((access) -> assertThat(access.getAuthorities()).isEmpty());
			assertThat(server.getServer().getTrust()).hasSize(2);
		}
	}

	@Test
	void environmentVariablesReplaceTheRulesAndTrust() {
		Map<String, Object> variables = Map.of("MTLS_AUTHORIZATION_RULES_0_SUBJECT", "OU=env",
				"MTLS_AUTHORIZATION_RULES_0_AUTHORITIES", "ROLE_ENV", "MTLS_SERVER_TRUST_0",
				TestCertificates.CA_CERTIFICATE.toString());
		try (ConfigurableApplicationContext context = start(variables)) {
			MtlsIdentityProperties properties = context.getBean(MtlsIdentityProperties.class);
			MtlsServerProperties server = context.getBean(MtlsServerProperties.class);
			assertThat(properties.getAuthorization().getRules()).singleElement().satisfies((rule) -> {
				assertThat(rule.getSubject()).isEqualTo("OU=env");
				assertThat(rule.getAuthorities()).containsExactly("ROLE_ENV");
			});
			assertThat(server.getServer().getTrust()).containsExactly(TestCertificates.CA_CERTIFICATE.toString());
			assertThat(properties.getAuthorization().getAccess()).hasSize(2);
		}
	}

	@Test
	void unknownKeyInAReplacingRuleStopsStartupNamingItAndTheValidKeys() {
		Throwable failure = catchThrowable(() -> start(Map.of(), "--mtls.authorization.rules[0].subjct=OU=cli",
				"--mtls.authorization.rules[0].authorities=ROLE_CLI"));
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains("'mtls.authorization.rules[0].subjct'")
			.contains("commandLineArgs");
		assertThat(analysis.getAction()).contains("mtls.authorization.rules[0]")
			.contains("authorities, fingerprint, issuer, san-dns, san-email, san-ip, san-uri, spiffe-id, subject");
	}

	@Test
	void unknownKeyOutsideAListStopsStartup() {
		Throwable failure = catchThrowable(() -> start(Map.of(), "--spring.profiles.active=prod",
				"--mtls.server.certifcate=" + TestCertificates.SERVER_CERTIFICATE));
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains("'mtls.server.certifcate'");
		assertThat(analysis.getAction()).contains("'mtls.server'").contains("certificate").contains("trust-store");
	}

	private static ConfigurableApplicationContext start(Map<String, Object> environmentVariables, String... args) {
		return new SpringApplicationBuilder(SecuredApplication.class).properties("server.port=0",
				"server.address=127.0.0.1", "spring.main.banner-mode=off",
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
				"spring.config.name=mtls-list-override", "test.pki=" + TestCertificates.DIRECTORY)
			.initializers((context) -> {
				Map<String, Object> variables = new HashMap<>(System.getenv());
				variables.putAll(environmentVariables);
				context.getEnvironment()
					.getPropertySources()
					.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							new SystemEnvironmentPropertySource(
									StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			})
			.run(args);
	}

}
