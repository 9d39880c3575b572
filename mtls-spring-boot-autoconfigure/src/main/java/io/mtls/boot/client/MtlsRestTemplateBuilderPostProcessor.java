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

	private final Supplier<ServerRefusals> refusals;

	/**
	 * Creates the post-processor.
	 * @param bundle supplies the {@code mtls-client} bundle
	 * @param settingsNameABundle whether Boot's HTTP client settings already name a
	 * bundle
	 */
	public MtlsRestTemplateBuilderPostProcessor(Supplier<SslBundle> bundle, Supplier<Boolean> settingsNameABundle) {
		this(bundle, settingsNameABundle, () -> ServerRefusals.NONE);
	}

	/**
	 * Creates the post-processor.
	 * @param bundle supplies the {@code mtls-client} bundle
	 * @param settingsNameABundle whether Boot's HTTP client settings already name a
	 * bundle
	 * @param refusals supplies what is told about calls the called server refused
	 */
	public MtlsRestTemplateBuilderPostProcessor(Supplier<SslBundle> bundle, Supplier<Boolean> settingsNameABundle,
			Supplier<ServerRefusals> refusals) {
		this.bundle = bundle;
		this.settingsNameABundle = settingsNameABundle;
		this.refusals = refusals;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof RestTemplateBuilder builder && !this.settingsNameABundle.get()) {
			ServerRefusals refusals = this.refusals.get();
			RestTemplateBuilder withBundle = builder.sslBundle(this.bundle.get());
			return (refusals != ServerRefusals.NONE)
					? withBundle.additionalInterceptors(new ServerRefusalInterceptor(refusals)) : withBundle;
		}
		return bean;
	}

}
