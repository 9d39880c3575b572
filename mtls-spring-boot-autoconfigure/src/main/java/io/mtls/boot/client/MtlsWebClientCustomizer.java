package io.mtls.boot.client;

import java.util.function.Supplier;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Gives every auto-configured {@link WebClient.Builder} a connector built by Boot's
 * {@link ClientHttpConnectorBuilder} with the {@code mtls-client} SSL bundle, as
 * {@code WebClientSsl.fromBundle("mtls-client")} would, unless the HTTP client settings
 * already name a bundle.
 */
public class MtlsWebClientCustomizer implements WebClientCustomizer {

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientSettings settings;

	private final Supplier<SslBundle> bundle;

	private final ServerRefusals refusals;

	/**
	 * Creates the customizer.
	 * @param connectorBuilder Boot's connector builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 */
	public MtlsWebClientCustomizer(ClientHttpConnectorBuilder<?> connectorBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle) {
		this(connectorBuilder, settings, bundle, ServerRefusals.NONE);
	}

	/**
	 * Creates the customizer.
	 * @param connectorBuilder Boot's connector builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 * @param refusals told about calls the called server refused with a TLS alert
	 */
	public MtlsWebClientCustomizer(ClientHttpConnectorBuilder<?> connectorBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle, ServerRefusals refusals) {
		this.connectorBuilder = connectorBuilder;
		this.settings = settings;
		this.bundle = bundle;
		this.refusals = refusals;
	}

	@Override
	public void customize(WebClient.Builder builder) {
		if (this.settings.sslBundle() == null) {
			builder.clientConnector(this.connectorBuilder.build(this.settings.withSslBundle(this.bundle.get())));
			if (this.refusals != ServerRefusals.NONE) {
				builder.filter((request, next) -> next.exchange(request)
					.doOnError((failure) -> this.refusals.failed(request.url(), failure)));
			}
		}
	}

}
