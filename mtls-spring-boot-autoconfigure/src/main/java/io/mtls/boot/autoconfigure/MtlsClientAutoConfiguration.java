package io.mtls.boot.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.actuate.MtlsClientMetrics;
import io.mtls.boot.client.ClientMaterial;
import io.mtls.boot.client.MtlsClientSslBundleRegistrar;
import io.mtls.boot.client.MtlsHttpClients;
import io.mtls.boot.client.MtlsRestClientCustomizer;
import io.mtls.boot.client.MtlsRestTemplateBuilderPostProcessor;
import io.mtls.boot.client.MtlsWebClientCustomizer;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialLoader;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.tls.ClientHandshakeListener;
import io.mtls.boot.core.tls.ClientTls;
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
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.io.ApplicationResourceLoader;
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
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.StringUtils;

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
@Import(MtlsPropertiesConfiguration.class)
public final class MtlsClientAutoConfiguration {

	private static final String PREFIX = "mtls.client.";

	@Bean
	@ConditionalOnMissingBean
	ClientMaterial mtlsClientMaterial(MtlsProperties properties, ResourceLoader resourceLoader,
			ObjectProvider<ServerTls> serverTls) {
		MtlsClientProperties client = properties.getClient();
		ResourceLoader resources = ApplicationResourceLoader.get(resourceLoader, true);
		boolean ownKey = hasText(client.getCertificate()) || hasText(client.getPrivateKey());
		boolean ownTrust = !client.getTrust().isEmpty();
		ServerTls server = serverTls.getIfAvailable();
		if (server == null && !(ownKey && ownTrust)) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.client.certificate' is set but there is no server material to take the rest of the "
							+ "outbound material from.",
					"Set 'mtls.client.certificate', 'mtls.client.private-key' and 'mtls.client.trust', or configure "
							+ "'mtls.server.*'.");
		}
		if (ownKey && hasText(client.getCertificate()) != hasText(client.getPrivateKey())) {
			String present = hasText(client.getCertificate()) ? "certificate" : "private-key";
			String missing = hasText(client.getCertificate()) ? "private-key" : "certificate";
			throw new InvalidMtlsConfigurationException(
					"'" + PREFIX + present + "' is set but '" + PREFIX + missing + "' is not.",
					"Set '" + PREFIX + missing + "' as well: outbound calls need both the certificate and its key.");
		}
		List<Path> paths = new ArrayList<>();
		Supplier<KeyMaterial> key = null;
		if (ownKey) {
			MaterialSource certificate = source(resources, "certificate", client.getCertificate(), paths);
			MaterialSource privateKey = source(resources, "private-key", client.getPrivateKey(), paths);
			char[] password = (client.getPrivateKeyPassword() != null) ? client.getPrivateKeyPassword().toCharArray()
					: null;
			key = () -> MaterialLoader.pem(certificate, privateKey, password, PREFIX + "private-key-password");
		}
		Supplier<TrustMaterial> trust = null;
		if (ownTrust) {
			List<MaterialSource> sources = client.getTrust()
				.stream()
				.map((location) -> source(resources, "trust", location, paths))
				.toList();
			trust = () -> MaterialLoader.trust(PREFIX + "trust", sources);
		}
		Supplier<ServerMaterial> serverMaterial = (server != null) ? server::material : null;
		if (server != null && !ownTrust && server.material().trust() == null) {
			throw new InvalidMtlsConfigurationException(
					"Outbound calls have no trust material: 'mtls.client.trust' is not set and the server has none.",
					"Set 'mtls.client.trust' to the PEM file of the CA that issues the called servers' certificates, "
							+ "or set 'mtls.client.enabled=false'.");
		}
		MtlsProperties.Reload reload = properties.getReload();
		return new ClientMaterial(serverMaterial, key, trust, paths, reload.getQuietPeriod(), reload.getPollInterval(),
				reload.isEnabled(), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ClientTls mtlsClientTls(ClientMaterial material, MtlsProperties properties,
			ObjectProvider<ClientHandshakeListener> listeners) {
		Map<String, String> criteria = properties.getClient().getServerIdentity().criteria();
		List<CertificateRule> rules = criteria.isEmpty() ? List.of()
				: List.of(CertificateRule.compile(PREFIX + "server-identity", criteria, List.of("SERVER")));
		List<ClientHandshakeListener> all = listeners.orderedStream().toList();
		ClientHandshakeListener listener = new ClientHandshakeListener() {

			@Override
			public void accepted(List<java.security.cert.X509Certificate> chain) {
				all.forEach((each) -> each.accepted(chain));
			}

			@Override
			public void rejected(List<java.security.cert.X509Certificate> chain,
					io.mtls.boot.core.RejectionReason reason, String detail) {
				all.forEach((each) -> each.rejected(chain, reason, detail));
			}

		};
		ClientTls tls = new ClientTls(material, rules, PREFIX + "server-identity", listener);
		material.onChange(tls::materialChanged);
		return tls;
	}

	@Bean
	ApplicationListener<MtlsMaterialReloadedEvent> mtlsClientTlsRefresher(ClientTls tls) {
		// the server's material changed: drop cached sessions of the old identity at once
		return (event) -> tls.materialChanged();
	}

	@Bean
	SslBundleRegistrar mtlsClientSslBundleRegistrar(ObjectProvider<ClientTls> tls) {
		// lazily: the server's material may come from an SSL bundle of the same registry
		return new MtlsClientSslBundleRegistrar(tls::getObject);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsHttpClients mtlsHttpClients(ClientTls tls) {
		return new MtlsHttpClients(tls);
	}

	private static MaterialSource source(ResourceLoader resources, String name, String location, List<Path> paths) {
		String property = PREFIX + name;
		Resource resource = resources.getResource(location);
		if (resource.isFile()) {
			try {
				Path path = resource.getFile().toPath();
				paths.add(path);
				return MaterialSource.ofPath(property, path);
			}
			catch (IOException ex) {
				// not on the default file system: read the resource
			}
		}
		return MaterialSource.of(property, location, resource::getContentAsByteArray);
	}

	private static boolean hasText(String value) {
		return StringUtils.hasText(value);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpClientSettings.class, ClientHttpRequestFactoryBuilder.class, RestClientCustomizer.class })
	@ConditionalOnBooleanProperty(name = "mtls.client.customize-builders", matchIfMissing = true)
	static class RestClientConfiguration {

		@Bean
		@Order(100)
		MtlsRestClientCustomizer mtlsRestClientCustomizer(ResourceLoader resourceLoader,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> factoryBuilder,
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles) {
			return new MtlsRestClientCustomizer(
					factoryBuilder
						.getIfAvailable(() -> ClientHttpRequestFactoryBuilder.detect(resourceLoader.getClassLoader())),
					settings.getIfAvailable(HttpClientSettings::defaults), bundle(sslBundles));
		}

		@Bean
		@ConditionalOnClass(RestTemplateBuilder.class)
		static MtlsRestTemplateBuilderPostProcessor mtlsRestTemplateBuilderPostProcessor(
				ObjectProvider<SslBundles> sslBundles, ObjectProvider<HttpClientSettings> settings) {
			return new MtlsRestTemplateBuilderPostProcessor(bundle(sslBundles),
					() -> settings.getIfAvailable(HttpClientSettings::defaults).sslBundle() != null);
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
				ObjectProvider<HttpClientSettings> settings, ObjectProvider<SslBundles> sslBundles) {
			return new MtlsWebClientCustomizer(
					connectorBuilder
						.getIfAvailable(() -> ClientHttpConnectorBuilder.detect(resourceLoader.getClassLoader())),
					settings.getIfAvailable(HttpClientSettings::defaults), bundle(sslBundles));
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

	}

}
