package io.mtls.boot.autoconfigure;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.ChainVerdictMetrics;
import io.mtls.boot.actuate.InventoryRecorder;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.actuate.MtlsHealthIndicator;
import io.mtls.boot.actuate.MtlsMetrics;
import io.mtls.boot.actuate.RevocationMetrics;
import io.mtls.boot.client.ClientMaterial;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsMaterialReloader;
import io.mtls.boot.reload.MtlsRevocationReloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of what mTLS tells operators: the client certificate inventory, the
 * {@code mtls} actuator endpoint, the {@code mtls} health contributor and the mTLS
 * meters.
 */
@AutoConfiguration(after = MtlsServerAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(ServerTls.class)
@EnableConfigurationProperties(MtlsActuatorProperties.class)
@Import(MtlsPropertiesConfiguration.class)
public final class MtlsActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClientCertificateInventory mtlsClientCertificateInventory(MtlsActuatorProperties properties) {
		return new ClientCertificateInventory(properties.getClientInventorySize(), Clock.systemUTC());
	}

	@Bean
	@Order(0)
	InventoryRecorder mtlsInventoryRecorder(ClientCertificateInventory inventory) {
		return new InventoryRecorder(inventory);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		MtlsEndpoint mtlsEndpoint(ServerTls serverTls, ObjectProvider<MtlsMaterialReloader> reloader,
				ClientCertificateInventory inventory, MtlsActuatorProperties properties,
				ObjectProvider<ClientTls> clientTls, ObjectProvider<ClientMaterial> clientMaterial,
				ObjectProvider<RevocationChecker> revocation, ObjectProvider<MtlsRevocationReloader> revocationReloader,
				ObjectProvider<WorkloadApiConnection> workloadApi) {
			MtlsEndpoint endpoint = new MtlsEndpoint(serverTls, reloader.getIfAvailable(), inventory,
					properties.getExpiryWarning(), Clock.systemUTC(), clientTls.getIfAvailable(),
					clientMaterial.getIfAvailable());
			revocation.ifAvailable((checker) -> endpoint.setRevocation(checker, revocationReloader.getIfAvailable(),
					properties.getCrlWarning()));
			workloadApi.ifAvailable(endpoint::setWorkloadApi);
			return endpoint;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "mtlsHealthIndicator")
		@ConditionalOnEnabledHealthIndicator("mtls")
		MtlsHealthIndicator mtlsHealthIndicator(ServerTls serverTls, ClientCertificateInventory inventory,
				MtlsActuatorProperties properties, ObjectProvider<ClientTls> clientTls,
				ObjectProvider<RevocationChecker> revocation, ObjectProvider<WorkloadApiConnection> workloadApi) {
			MtlsHealthIndicator indicator = new MtlsHealthIndicator(serverTls, inventory, properties.getExpiryWarning(),
					Clock.systemUTC());
			indicator.setOutbound(() -> {
				ClientTls tls = clientTls.getIfAvailable();
				return (tls != null) ? tls.material() : null;
			});
			revocation.ifAvailable((checker) -> indicator.setRevocation(checker, properties.getCrlWarning()));
			workloadApi.ifAvailable(indicator::setWorkloadApi);
			return indicator;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@Order(10)
		@ConditionalOnMissingBean
		MtlsMetrics mtlsMetrics(MeterRegistry registry, MtlsServerMaterial serverMaterial,
				ClientCertificateInventory inventory) {
			return new MtlsMetrics(registry, serverMaterial.material(), inventory, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(RevocationChecker.class)
		RevocationMetrics mtlsRevocationMetrics(MeterRegistry registry, RevocationChecker checker) {
			return new RevocationMetrics(registry, checker);
		}

		@Bean
		@ConditionalOnMissingBean
		ChainVerdictMetrics mtlsChainVerdictMetrics(ServerTls serverTls) {
			return new ChainVerdictMetrics(serverTls);
		}

	}

}
