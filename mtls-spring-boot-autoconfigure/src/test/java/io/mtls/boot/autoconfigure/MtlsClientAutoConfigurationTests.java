package io.mtls.boot.autoconfigure;

import io.mtls.boot.client.ClientMaterial;
import io.mtls.boot.client.MtlsHttpClients;
import io.mtls.boot.client.MtlsRestClientCustomizer;
import io.mtls.boot.client.MtlsWebClientCustomizer;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-offs of {@link MtlsClientAutoConfiguration}.
 */
class MtlsClientAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
				MtlsClientAutoConfiguration.class));

	@Test
	void presentsTheServerMaterialByDefaultAndRegistersTheBundleAndCustomizers() {
		this.runner.withPropertyValues(TestCertificates.pemProperties()).run((context) -> {
			assertThat(context).hasSingleBean(ClientTls.class)
				.hasSingleBean(MtlsHttpClients.class)
				.hasSingleBean(MtlsRestClientCustomizer.class)
				.hasSingleBean(MtlsWebClientCustomizer.class);
			assertThat(context.getBean(ClientTls.class).material().key())
				.isSameAs(context.getBean(ServerTls.class).material().key());
			assertThat(context.getBean(ClientMaterial.class).hasOwnMaterial()).isFalse();
			assertThat(context.getBean(SslBundles.class).getBundle("mtls-client").createSslContext())
				.isSameAs(context.getBean(ClientTls.class).sslContext());
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClientTls.class));
	}

	@Test
	void backsOffWithoutAnyMaterial() {
		this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ClientTls.class));
	}

	@Test
	void leavesBuildersAloneWhenAskedTo() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.customize-builders=false")
			.run((context) -> assertThat(context).hasSingleBean(ClientTls.class)
				.doesNotHaveBean(MtlsRestClientCustomizer.class)
				.doesNotHaveBean(MtlsWebClientCustomizer.class));
	}

	@Test
	void aServerIdentityRuleWithAnUnknownPatternStopsStartupNamingTheProperty() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.server-identity.spiffe-id=spiffe://example.org/a**b")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("mtls.client.server-identity.spiffe-id"));
	}

	@Test
	void aCertificateWithoutKeyStopsStartupNamingTheMissingProperty() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.certificate=" + TestCertificates.DIRECTORY.resolve("nothing.crt"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("'mtls.client.private-key'"));
	}

	@Test
	void twoClientKeySourcesStopStartupNamingBothProperties() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.certificate=" + TestCertificates.clientCertificate("alice"),
					"mtls.client.private-key=" + TestCertificates.clientKey("alice"),
					"mtls.client.key-store=" + TestCertificates.DIRECTORY.resolve("client.p12"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining(
						"Outbound key material is configured more than once: mtls.client.certificate, mtls.client.key-store"));
	}

	@Test
	void bothClientTrustSourcesStopStartupNamingBothProperties() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.client.trust=" + TestCertificates.CA_CERTIFICATE,
					"mtls.client.trust-store=" + TestCertificates.DIRECTORY.resolve("trust.p12"))
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("Both 'mtls.client.trust' and 'mtls.client.trust-store' are set."));
	}

}
