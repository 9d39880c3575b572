package io.mtls.boot.autoconfigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Refuses unknown {@code mtls.*} keys; imported by every mTLS auto-configuration, each of
 * which binds the properties classes it reads (those of
 * {@link UnknownMtlsKeysCheck#PROPERTIES}).
 */
@Configuration(proxyBeanMethods = false)
class MtlsPropertiesConfiguration {

	@Bean
	static UnknownMtlsKeysCheck mtlsUnknownKeysCheck(Environment environment) {
		return new UnknownMtlsKeysCheck(environment);
	}

}
