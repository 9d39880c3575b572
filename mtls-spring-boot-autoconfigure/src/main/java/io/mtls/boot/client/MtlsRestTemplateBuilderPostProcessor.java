package io.mtls.boot.client;

import java.util.function.Supplier;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundle;

/**
 * Applies the {@code mtls-client} SSL bundle to the auto-configured
 * {@link RestTemplateBuilder} (which has no customizer hook of its own), unless the HTTP
 * client settings already name a bundle.
 */
public class MtlsRestTemplateBuilderPostProcessor implements BeanPostProcessor {

	private final Supplier<SslBundle> bundle;

	private final Supplier<Boolean> settingsNameABundle;

	/**
	 * Creates the post-processor.
	 * @param bundle supplies the {@code mtls-client} bundle
	 * @param settingsNameABundle whether Boot's HTTP client settings already name a
	 * bundle
	 */
	public MtlsRestTemplateBuilderPostProcessor(Supplier<SslBundle> bundle, Supplier<Boolean> settingsNameABundle) {
		this.bundle = bundle;
		this.settingsNameABundle = settingsNameABundle;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplateBuilder builder && !this.settingsNameABundle.get()) {
			return builder.sslBundle(this.bundle.get());
		}
		return bean;
	}

}
