package io.mtls.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtls.boot.actuate.ChainVerdictMetrics;
import io.mtls.boot.actuate.InventoryRecorder;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.actuate.MtlsHealthIndicator;
import io.mtls.boot.actuate.MtlsMetrics;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and back-offs of {@link MtlsActuatorAutoConfiguration}.
 */
class MtlsActuatorAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
				MtlsActuatorAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=mtls");

	@Test
	void definesInventoryEndpointAndHealthForServedMaterial() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ClientCertificateInventory.class)
				.hasSingleBean(InventoryRecorder.class)
				.hasSingleBean(MtlsEndpoint.class)
				.hasSingleBean(MtlsHealthIndicator.class)
				.doesNotHaveBean(MtlsMetrics.class));
	}

	@Test
	void backsOffWithoutServedMaterial() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ClientCertificateInventory.class)
			.doesNotHaveBean(MtlsEndpoint.class));
	}

	@Test
	void endpointAndHealthCanBeSwitchedOff() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("management.endpoint.mtls.access=NONE", "management.health.mtls.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MtlsEndpoint.class)
				.doesNotHaveBean(MtlsHealthIndicator.class));
	}

	@Test
	void measuresWhenAMeterRegistryExists() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withUserConfiguration(Registry.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(MtlsMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("mtls.certificate.expiry").tag("role", "server").gauges()).hasSize(1);
				assertThat(registry.find("mtls.certificate.expiry").tag("role", "trust").gauges()).hasSize(1);
			});
	}

	@Test
	void measuresTheChainVerdictCacheOfTheOpensslEngine() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.server.engine=openssl")
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("mtls.chain.verdict.cache.lookups")
					.tag("outcome", "hit")
					.functionCounter()
					.count()).isZero();
				assertThat(registry.get("mtls.chain.verdict.cache.lookups")
					.tag("outcome", "miss")
					.functionCounter()
					.count()).isZero();
				assertThat(registry.get("mtls.chain.verdict.cache.size").gauge().value()).isZero();
			});
	}

	@Test
	void theJdkEngineHasNoChainVerdictCacheToMeasure() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(ChainVerdictMetrics.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find("mtls.certificate.expiry").gauges()).as("mtls meters registered").isNotEmpty();
				assertThat(registry.find("mtls.chain.verdict.cache.lookups").meters()).isEmpty();
				assertThat(registry.find("mtls.chain.verdict.cache.size").meters()).isEmpty();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Registry {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
