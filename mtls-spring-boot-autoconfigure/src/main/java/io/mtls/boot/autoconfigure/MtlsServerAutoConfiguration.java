package io.mtls.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.mtls.boot.autoconfigure.MtlsServerProperties.ClientAuth;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.ClientCertificatePolicy;
import io.mtls.boot.core.tls.CompositeClientCertificateListener;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.dev.DevPki;
import io.mtls.boot.dev.DevPkiCurlLogger;
import io.mtls.boot.reload.MtlsMaterialReloader;
import io.mtls.boot.server.LoggingClientCertificateListener;
import io.mtls.boot.server.MtlsSslBundleRegistrar;
import io.mtls.boot.server.MtlsWebServerFactoryCustomizer;
import io.mtls.boot.server.TrustWarnings;
import io.mtls.boot.server.jetty.JettyMtlsCustomizer;
import io.mtls.boot.server.netty.NettyMtlsCustomizer;
import io.mtls.boot.server.tomcat.TomcatMtlsCustomizer;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration that serves the embedded web server over TLS with client certificate
 * authentication, from {@code mtls.server.*} material, an existing SSL bundle, or the
 * development PKI.
 */
@AutoConfiguration(after = SslAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "mtls.enabled", matchIfMissing = true)
@ConditionalOnWebApplication
@ConditionalOnClass(Ssl.class)
@Conditional(OnServerMaterialCondition.class)
@EnableConfigurationProperties({ MtlsServerProperties.class, MtlsIdentityProperties.class, MtlsSpiffeProperties.class })
@Import({ MtlsPropertiesConfiguration.class, MtlsRevocationConfiguration.class, MtlsSpiffeConfiguration.class })
public final class MtlsServerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MtlsWebServerFactoryCustomizer mtlsWebServerFactoryCustomizer(MtlsServerProperties properties,
			MtlsServerMaterial serverMaterial, SslBundles sslBundles) {
		return new MtlsWebServerFactoryCustomizer(serverMaterial.bundleName(),
				toSsl(properties.getServer().getClientAuth()), sslBundles);
	}

	@Bean
	@ConditionalOnMissingBean
	ServerTls mtlsServerTls(MtlsServerMaterial serverMaterial, MtlsServerProperties serverProperties,
			MtlsIdentityProperties properties, MtlsSpiffeProperties spiffe,
			ObjectProvider<ClientCertificateListener> listeners, ObjectProvider<RevocationChecker> revocation,
			ResourceLoader resourceLoader) {
		ClientCertificatePolicy policy = new ClientCertificatePolicy(properties.getIdentity().isRequireClientAuthEku(),
				properties.getIdentity().getValidation(), Set.copyOf(spiffe.getAccept().getTrustDomains()));
		TrustWarnings.log(serverMaterial.material(), Instant.now());
		return new ServerTls(serverMaterial.material(), policy,
				new CompositeClientCertificateListener(listeners.orderedStream().toList()), Clock.systemUTC(),
				revocation.getIfAvailable(RevocationChecker::disabled),
				ServerTlsEngines.select(serverProperties.getServer().getEngine(), resourceLoader.getClassLoader()));
	}

	@Bean
	LoggingClientCertificateListener mtlsLoggingClientCertificateListener() {
		return new LoggingClientCertificateListener();
	}

	private static Ssl.ClientAuth toSsl(ClientAuth clientAuth) {
		return switch (clientAuth) {
			case NEED -> Ssl.ClientAuth.NEED;
			case WANT -> Ssl.ClientAuth.WANT;
			case NONE -> Ssl.ClientAuth.NONE;
		};
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(FileMaterialCondition.class)
	static class PropertiesMaterialConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerMaterialSource mtlsServerMaterialSource(MtlsServerProperties properties, ResourceLoader resourceLoader,
				Environment environment, ObjectProvider<DevPki> devPki) {
			ServerMaterialSources.rejectServerSslMaterial(environment);
			DevPki pki = devPki.getIfAvailable();
			if (properties.getDev().isEnabled() && pki == null) {
				throw new InvalidMtlsConfigurationException(
						"'mtls.dev.enabled' is true but the dev PKI generator (io.mtls:mtls-pki) is not "
								+ "on the classpath.",
						"Add io.mtls:mtls-pki as a runtime dependency for local development, or set "
								+ "'mtls.dev.enabled=false' and configure 'mtls.server.*'.");
			}
			return new ServerMaterialSources(properties.getServer(), resourceLoader)
				.fromProperties((pki != null) ? pki::files : null);
		}

		@Bean
		@ConditionalOnMissingBean
		MtlsServerMaterial mtlsServerMaterial(ServerMaterialSource source) {
			return MtlsServerMaterial.loadedFrom(source);
		}

		@Bean
		@ConditionalOnMissingBean
		MtlsMaterialReloader mtlsMaterialReloader(ServerTls serverTls, MtlsServerProperties properties,
				ServerMaterialSource source, ApplicationEventPublisher events) {
			MtlsServerProperties.Reload reload = properties.getReload();
			Clock clock = Clock.systemUTC();
			return new MtlsMaterialReloader(serverTls, () -> source.load(clock.instant()), source.watchedPaths(),
					reload.getQuietPeriod(), reload.getPollInterval(), reload.isEnabled(), events, clock);
		}

		@Bean
		SslBundleRegistrar mtlsSslBundleRegistrar(ServerTls serverTls) {
			return new MtlsSslBundleRegistrar(serverTls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("mtls.server.bundle")
	static class BundleMaterialConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ServerMaterialSource mtlsServerMaterialSource(MtlsServerProperties properties, ResourceLoader resourceLoader,
				Environment environment, SslBundles sslBundles) {
			ServerMaterialSources.rejectServerSslMaterial(environment);
			ServerMaterialSources.rejectBundleReload(environment, properties.getServer().getBundle());
			return new ServerMaterialSources(properties.getServer(), resourceLoader).fromBundle(sslBundles);
		}

		@Bean
		@ConditionalOnMissingBean
		MtlsServerMaterial mtlsServerMaterial(MtlsServerProperties properties, ServerMaterialSource source) {
			// @ConditionalOnProperty above: the bundle name is set
			return new MtlsServerMaterial(Objects.requireNonNull(properties.getServer().getBundle()),
					source.load(Instant.now()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("mtls.dev.enabled")
	// the Workload API is the material source then: no dev PKI, no curl lines for it
	@ConditionalOnBooleanProperty(name = "mtls.spiffe.workload-api.enabled", havingValue = false, matchIfMissing = true)
	@ConditionalOnClass(name = "io.mtls.boot.pki.TestPki")
	static class DevPkiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DevPki mtlsDevPki(MtlsServerProperties properties) {
			return new DevPki(Path.of(properties.getDev().getDirectory()), Clock.systemUTC());
		}

		@Bean
		DevPkiCurlLogger mtlsDevPkiCurlLogger(DevPki devPki, MtlsServerProperties properties) {
			return new DevPkiCurlLogger(devPki, properties.getDev().getCurlPath());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Tomcat.class, ConfigurableTomcatWebServerFactory.class })
	static class TomcatConfiguration {

		@Bean
		@ConditionalOnMissingBean
		TomcatMtlsCustomizer mtlsTomcatCustomizer(ServerTls serverTls) {
			return new TomcatMtlsCustomizer(serverTls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, ConfigurableJettyWebServerFactory.class })
	static class JettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JettyMtlsCustomizer mtlsJettyCustomizer(ServerTls serverTls) {
			return new JettyMtlsCustomizer(serverTls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpServer.class, NettyReactiveWebServerFactory.class })
	static class NettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NettyMtlsCustomizer mtlsNettyCustomizer(ServerTls serverTls) {
			return new NettyMtlsCustomizer(serverTls);
		}

	}

	/**
	 * Material from {@code mtls.server.*} files or the dev PKI: neither an SSL bundle nor
	 * the SPIFFE Workload API.
	 */
	static class FileMaterialCondition extends NoneNestedConditions {

		FileMaterialCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty("mtls.server.bundle")
		static class BundleConfigured {

		}

		@ConditionalOnBooleanProperty("mtls.spiffe.workload-api.enabled")
		static class WorkloadApiEnabled {

		}

	}

}
