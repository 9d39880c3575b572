package io.mtls.boot.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerIdentification;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.util.TimeValue;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Gives every auto-configured {@link RestClient.Builder} a request factory built by
 * Boot's {@link ClientHttpRequestFactoryBuilder} with the {@code mtls-client} SSL bundle,
 * as {@code RestClientSsl.fromBundle("mtls-client")} would, unless the HTTP client
 * settings already name a bundle. With a maximum connection age after rotation and Apache
 * HttpClient 5, its connection pool discards the connections opened before a rotation
 * when they are next leased after that age. When called servers are identified by SPIFFE
 * ID, Apache HttpClient 5 leaves the host name to the trust manager (which checks it for
 * certificates without a SPIFFE ID) instead of its own verifier, which knows no SVIDs.
 * Calls the called server refuses because of this service's certificate are reported to
 * {@link ServerRefusals}.
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

	private final ServerIdentification identification;

	/**
	 * Creates the customizer.
	 * @param factoryBuilder Boot's request factory builder
	 * @param settings Boot's HTTP client settings
	 * @param bundle supplies the {@code mtls-client} bundle
	 */
	public MtlsRestClientCustomizer(ClientHttpRequestFactoryBuilder<?> factoryBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle) {
		this(factoryBuilder, settings, bundle, null, null, ServerRefusals.NONE, ServerIdentification.HOST_NAME);
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
	 * @param identification how the outbound trust manager identifies called servers
	 */
	public MtlsRestClientCustomizer(ClientHttpRequestFactoryBuilder<?> factoryBuilder, HttpClientSettings settings,
			Supplier<SslBundle> bundle, @Nullable ClientTls tls, @Nullable Duration maxConnectionAgeAfterRotation,
			ServerRefusals refusals, ServerIdentification identification) {
		this.identification = identification;
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
		if (!HTTP_COMPONENTS_PRESENT
				|| !(this.factoryBuilder instanceof HttpComponentsClientHttpRequestFactoryBuilder httpComponents)) {
			return this.factoryBuilder;
		}
		HttpComponentsClientHttpRequestFactoryBuilder builder = httpComponents;
		if (this.identification.bySpiffeId()) {
			builder = HttpComponents.hostNameByTrustManager(builder);
		}
		if (this.rotationAge != null) {
			builder = HttpComponents.discardAfterRotation(builder, this.rotationAge);
		}
		return builder;
	}

	private static final class HttpComponents {

		static HttpComponentsClientHttpRequestFactoryBuilder hostNameByTrustManager(
				HttpComponentsClientHttpRequestFactoryBuilder builder) {
			// BUILTIN asks the JSSE trust manager for HTTPS endpoint identification,
			// which
			// the outbound trust manager answers by SPIFFE ID for SVIDs, by host name
			// otherwise
			return builder.withTlsSocketStrategyFactory((bundle) -> {
				SslBundle sslBundle = Objects.requireNonNull(bundle, "the mtls-client bundle");
				SslOptions options = sslBundle.getOptions();
				return new DefaultClientTlsStrategy(sslBundle.createSslContext(), options.getEnabledProtocols(),
						options.getCiphers(), SSLBufferMode.STATIC, HostnameVerificationPolicy.BUILTIN,
						NoopHostnameVerifier.INSTANCE);
			});
		}

		static HttpComponentsClientHttpRequestFactoryBuilder discardAfterRotation(
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
