package io.mtls.boot.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.MtlsEndpoint;
import io.mtls.boot.actuate.MtlsReloadMetrics;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsMaterialReloader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code mtls} actuator endpoint and the mTLS meters.
 */
@AutoConfiguration(after = MtlsServerAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(ServerTls.class)
public final class MtlsActuatorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		MtlsEndpoint mtlsEndpoint(ServerTls serverTls, ObjectProvider<MtlsMaterialReloader> reloader) {
			return new MtlsEndpoint(serverTls, reloader.getIfAvailable());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MtlsReloadMetrics mtlsReloadMetrics(MeterRegistry registry) {
			return new MtlsReloadMetrics(registry);
		}

	}

}
