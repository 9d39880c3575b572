package io.mtls.boot.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.mtls.boot.core.tls.ClientTls;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.core5.util.TimeValue;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Gives every auto-configured {@link RestClient.Builder} a request factory built by
 * Boot's {@link ClientHttpRequestFactoryBuilder} with the {@code mtls-client} SSL bundle,
 * as {@code RestClientSsl.fromBundle("mtls-client")} would, unless the HTTP client
 * settings already name a bundle. With a maximum connection age after rotation and Apache
 * HttpClient 5, its connection pool discards the connections opened before a rotation
 * when they are next leased after that age. Calls the called server refuses because of
 * this service's certificate are reported to {@link ServerRefusals}.
 */
public class MtlsRestClientCustomizer implements RestClientCustomizer {

	private static final boolean HTTP_COMPONENTS_PRESENT = ClassUtils.isPresent(
			"org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder",
			MtlsRestClientCustomizer.class.getClassLoader());

	private final ClientHttpRequestFactoryBuilder<?> factoryBuilder;

	private final HttpClientSettings settings;

	private final Supplier<SslBundle> bundle;

	private final @Nullable RotationAge rotationAge;

	private final ServerRefusals refusals;

	/**
	 * Creates the customizer.
	 * @param factoryBuilder Boot's request factory builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 */
	public MtlsRestClientCustomizer(ClientHttpRequestFactoryBuilder<?> factoryBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle) {
		this(factoryBuilder, settings, bundle, null, null, ServerRefusals.NONE);
	}

	/**
	 * Creates the customizer.
	 * @param factoryBuilder Boot's request factory builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 * @param tls the outbound TLS context, whose rotations start the connection age
	 * @param maxConnectionAgeAfterRotation how long connections pooled before a rotation
	 * may still carry new requests, or {@code null} for as long as the client keeps them
	 * @param refusals told about calls the called server refused
	 */
	public MtlsRestClientCustomizer(ClientHttpRequestFactoryBuilder<?> factoryBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle, @Nullable ClientTls tls, @Nullable Duration maxConnectionAgeAfterRotation,
			ServerRefusals refusals) {
		this.factoryBuilder = factoryBuilder;
		this.settings = settings;
		this.bundle = bundle;
		this.refusals = refusals;
		this.rotationAge = (tls != null && maxConnectionAgeAfterRotation != null)
				? new RotationAge(tls, maxConnectionAgeAfterRotation) : null;
	}

	@Override
	public void customize(RestClient.Builder builder) {
		if (this.settings.sslBundle() == null) {
			builder.requestFactory(factoryBuilder().build(this.settings.withSslBundle(this.bundle.get())));
			if (this.refusals != ServerRefusals.NONE) {
				builder.requestInterceptor(new ServerRefusalInterceptor(this.refusals));
			}
		}
	}

	private ClientHttpRequestFactoryBuilder<?> factoryBuilder() {
		if (this.rotationAge != null && HTTP_COMPONENTS_PRESENT
				&& this.factoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents) {
			return HttpComponents.discardAfterRotation(httpComponents, this.rotationAge);
		}
		return this.factoryBuilder;
	}

	private static final class HttpComponents {

		static ClientHttpRequestFactoryBuilder<?> discardAfterRotation(
				HttpComponentsClientHttpRequestFactoryBuilder builder, RotationAge rotationAge) {
			// Boot builds the connection config first, then the connection manager: keep
			// its config (timeouts, other customizers) and only add a time to live
			AtomicReference<ConnectionConfig.Builder> base = new AtomicReference<>();
			return builder.withConnectionConfigCustomizer(base::set).withConnectionManagerCustomizer((manager) -> {
				// set by the connection config customizer, which Boot runs first
				ConnectionConfig config = Objects.requireNonNull(base.get()).build();
				manager.setConnectionConfigResolver((route) -> {
					long timeToLive = rotationAge.timeToLiveMillis();
					return (timeToLive < 0) ? config
							: ConnectionConfig.copy(config).setTimeToLive(TimeValue.ofMilliseconds(timeToLive)).build();
				});
			});
		}

	}

}
