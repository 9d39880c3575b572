package io.mtls.boot.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.MtlsClientMetrics;
import io.mtls.boot.client.ClientMaterial;
import io.mtls.boot.client.MtlsClientSslBundleRegistrar;
import io.mtls.boot.client.MtlsHttpClients;
import io.mtls.boot.client.MtlsRestClientCustomizer;
import io.mtls.boot.client.MtlsRestTemplateBuilderPostProcessor;
import io.mtls.boot.client.MtlsWebClientCustomizer;
import io.mtls.boot.client.ServerRefusals;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.TrustSource;
import io.mtls.boot.core.tls.ClientHandshakeListener;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerIdentification;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsMaterialReloadedEvent;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of outbound mutual TLS: the service's calls present its certificate
 * (the server's, or {@code mtls.client.*}) and verify the called server, following every
 * reload without rebuilding clients. Registers the SSL bundle {@code mtls-client},
 * customizes Boot's {@code RestClient.Builder}, {@code RestTemplateBuilder} and
 * {@code WebClient.Builder}, and offers JDK {@code HttpClient}s through
 * {@link MtlsHttpClients}.
 */
@AutoConfiguration(after = { MtlsServerAutoConfiguration.class, SslAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		beforeName = { "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
				"org.springframework.boot.restclient.autoconfigure.RestTemplateAutoConfiguration",
				"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "mtls.client.enabled", matchIfMissing = true)
@Conditional(MtlsClientAutoConfiguration.OnClientMaterialCondition.class)
@EnableConfigurationProperties({ MtlsClientProperties.class, MtlsServerProperties.class, MtlsSpiffeProperties.class })
@Import(MtlsPropertiesConfiguration.class)
public final class MtlsClientAutoConfiguration {

	private static final String PREFIX = "mtls.client.";

	@Bean
	@ConditionalOnMissingBean
	ClientMaterial mtlsClientMaterial(MtlsClientProperties properties, MtlsServerProperties serverProperties,
			ResourceLoader resourceLoader, ObjectProvider<ServerTls> serverTls) {
		MaterialSources sources = MaterialSources.client(properties, resourceLoader);
		List<String> configured = sources.rejectConflicts();
		KeySource key = configured.isEmpty() ? null : sources.keySource();
		TrustSource trust = sources.trustSource();
		ServerTls server = serverTls.getIfAvailable();
		if (server == null && (key == null || trust == null)) {
			String present = String.join(", ", configured.isEmpty() ? List.of(sources.property("trust")) : configured);
			throw new InvalidMtlsConfigurationException(
					"'" + present + "' is set but there is no server material to take the rest of the outbound "
							+ "material from.",
					"Set a key source ('mtls.client.certificate' with 'private-key', 'mtls.client.key-store' or "
							+ "'mtls.client.secret-dir') and trust ('mtls.client.trust', 'mtls.client.trust-store' or "
							+ "a 'ca.crt' in 'mtls.client.secret-dir'), or configure 'mtls.server.*'.");
		}
		Supplier<ServerMaterial> serverMaterial = (server != null) ? server::material : null;
		MtlsServerProperties.Reload reload = serverProperties.getReload();
		return ClientMaterial.of(serverMaterial, key, trust, reload.getQuietPeriod(), reload.getPollInterval(),
				reload.isEnabled(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ClientTls mtlsClientTls(ClientMaterial material, MtlsClientProperties properties, MtlsSpiffeProperties spiffe,
			ObjectProvider<ClientHandshakeListener> listeners) {
		Map<String, String> criteria = properties.getServerIdentity().criteria();
		List<CertificateRule> rules = criteria.isEmpty() ? List.of()
				: List.of(CertificateCriteria.compile(PREFIX + "server-identity", criteria, null));
		List<ClientHandshakeListener> all = listeners.orderedStream().toList();
		ClientHandshakeListener listener = new ClientHandshakeListener() {

			@Override
			public void accepted(List<X509Certificate> chain) {
				all.forEach((each) -> each.accepted(chain));
			}

			@Override
			public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
				all.forEach((each) -> each.rejected(chain, reason, detail));
			}

		};
		// servers on SVIDs name no host: with the Workload API's bundles, their SPIFFE ID
		// identifies them
		ServerIdentification identification = (spiffe.getWorkloadApi().isEnabled() && !material.hasOwnTrust())
				? ServerIdentification.bySpiffeId(Set.copyOf(spiffe.getAccept().getTrustDomains()))
				: ServerIdentification.HOST_NAME;
		ClientTls tls = new ClientTls(material, rules, PREFIX + "server-identity", listener, identification);
		material.onChange(tls::materialChanged);
		return tls;
	}

	@Bean
	ApplicationListener<MtlsMaterialReloadedEvent> mtlsClientTlsRefresher(ClientTls tls) {
		// the server's material changed: new connections leave the old identity's
		// sessions at once
		return (event) -> tls.materialChanged();
	}

	@Bean
	SslBundleRegistrar mtlsClientSslBundleRegistrar(ObjectProvider<ClientTls> tls) {
		// lazily: the server's material may come from an SSL bundle of the same registry
		return new MtlsClientSslBundleRegistrar(tls::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsHttpClients mtlsHttpClients(ClientTls tls, MtlsClientProperties properties, ServerRefusals refusals) {
		return new MtlsHttpClients(tls, properties.getMaxConnectionAgeAfterRotation(), refusals);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerRefusals mtlsServerRefusals(ObjectProvider<ServerRefusals.Listener> listeners) {
		return new ServerRefusals(listeners.orderedStream().toList());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClientSettings.class, ClientHttpRequestFactoryBuilder.class, RestClientCustomizer.class })
	@ConditionalOnBooleanProperty(name = "mtls.client.customize-builders", matchIfMissing = true)
	static class RestClientConfiguration {

		@Bean
		@Order(100)
		MtlsRestClientCustomizer mtlsRestClientCustomizer(ResourceLoader resourceLoader,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<ClientTls> tls, MtlsClientProperties properties,
				ObjectProvider<ServerRefusals> refusals) {
			Duration maxConnectionAge = properties.getMaxConnectionAgeAfterRotation();
			ClientTls clientTls = tls.getObject();
			return new MtlsRestClientCustomizer(
					factoryBuilder
						.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
					ClientSettings.of(settings), bundle(sslBundles), (maxConnectionAge != null) ? clientTls : null,
					maxConnectionAge, refusals(refusals), clientTls.identification());
		}

		@Bean
		@ConditionalOnClass(RestTemplateBuilder.class)
		static MtlsRestTemplateBuilderPostProcessor mtlsRestTemplateBuilderPostProcessor(
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<ServerRefusals> refusals) {
			return new MtlsRestTemplateBuilderPostProcessor(bundle(sslBundles),
					() -> ClientSettings.of(settings).sslBundle() != null, () -> refusals(refusals));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClientSettings.class, ClientHttpConnectorBuilder.class, WebClientCustomizer.class,
			org.springframework.web.reactive.function.client.WebClient.class })
	@ConditionalOnBooleanProperty(name = "mtls.client.customize-builders", matchIfMissing = true)
	static class WebClientConfiguration {

		@Bean
		@Order(100)
		MtlsWebClientCustomizer mtlsWebClientCustomizer(ResourceLoader resourceLoader,
				ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles,
				ObjectProvider<ServerRefusals> refusals) {
			return new MtlsWebClientCustomizer(
					connectorBuilder
						.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
					ClientSettings.of(settings), bundle(sslBundles), refusals(refusals));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MtlsClientMetrics mtlsClientMetrics(MeterRegistry registry, ObjectProvider<ClientTls> tls) {
			return new MtlsClientMetrics(registry, tls, Clock.systemUTC());
		}

	}

	private static Supplier<SslBundle> bundle(ObjectProvider<SslBundles> sslBundles) {
		return () -> sslBundles.getObject().getBundle(MtlsClientSslBundleRegistrar.BUNDLE_NAME);
	}

	private static ServerRefusals refusals(ObjectProvider<ServerRefusals> refusals) {
		return refusals.getIfAvailable(() -> ServerRefusals.NONE);
	}

	// its own class: a method of this class naming HttpClientSettings would fail
	// introspection where spring-boot-http-client is absent (a WebFlux-only app)
	static final class ClientSettings {

		private ClientSettings() {
		}

		static HttpClientSettings of(ObjectProvider<HttpClientSettings> settings) {
			return settings.getIfAvailable(HttpClientSettings::defaults);
		}

	}

	static class OnClientMaterialCondition extends AnyNestedCondition {

		OnClientMaterialCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(ServerTls.class)
		static class ServerMaterialExists {

		}

		@ConditionalOnProperty("mtls.client.certificate")
		static class ClientCertificateConfigured {

		}

		@ConditionalOnProperty("mtls.client.key-store")
		static class ClientKeyStoreConfigured {

		}

		@ConditionalOnProperty("mtls.client.secret-dir")
		static class ClientSecretDirConfigured {

		}

	}

}
