package io.mtls.boot.test.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Makes the {@code MockMvc} of {@code @AutoConfigureMockMvc} (and so of
 * {@code @WebMvcTest}) attach the certificate of {@link WithClientCertificate}. Imported
 * by {@code @AutoConfigureMockMvc} only, never in applications.
 */
@AutoConfiguration
public final class MtlsMockMvcAutoConfiguration {

	@Bean
	MockMvcBuilderCustomizer mtlsClientCertificateMockMvcCustomizer() {
		return (builder) -> builder.apply(MtlsMockMvc.withClientCertificates());
	}

}
