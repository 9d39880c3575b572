package io.mtls.boot.autoconfigure;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Binds {@link MtlsProperties} and refuses unknown {@code mtls.*} keys; imported by every
 * mTLS auto-configuration that reads the properties.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MtlsProperties.class)
class MtlsPropertiesConfiguration {

	@Bean
	static UnknownMtlsKeysCheck mtlsUnknownKeysCheck(Environment environment) {
		return new UnknownMtlsKeysCheck(environment);
	}

}
