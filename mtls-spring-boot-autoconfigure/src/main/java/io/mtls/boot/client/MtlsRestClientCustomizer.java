package io.mtls.boot.client;

import java.util.function.Supplier;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.web.client.RestClient;

/**
 * Gives every auto-configured {@link RestClient.Builder} a request factory built by
 * Boot's {@link ClientHttpRequestFactoryBuilder} with the {@code mtls-client} SSL bundle,
 * as {@code RestClientSsl.fromBundle("mtls-client")} would, unless the HTTP client
 * settings already name a bundle.
 */
public class MtlsRestClientCustomizer implements RestClientCustomizer {

	private final ClientHttpRequestFactoryBuilder<?> factoryBuilder;

	private final HttpClientSettings settings;

	private final Supplier<SslBundle> bundle;

	/**
	 * Creates the customizer.
	 * @param factoryBuilder Boot's request factory builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 */
	public MtlsRestClientCustomizer(ClientHttpRequestFactoryBuilder<?> factoryBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle) {
		this.factoryBuilder = factoryBuilder;
		this.settings = settings;
		this.bundle = bundle;
	}

	@Override
	public void customize(RestClient.Builder builder) {
		if (this.settings.sslBundle() == null) {
			builder.requestFactory(this.factoryBuilder.build(this.settings.withSslBundle(this.bundle.get())));
		}
	}

}
