package io.mtls.boot.autoconfigure;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.revocation.OcspClient;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMaterial;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsRevocationReloader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Revocation ({@code mtls.revocation.*}): the {@link RevocationChecker} the server's
 * trust manager and the authentication provider share, loaded and validated at startup (a
 * bad CRL or deny entry stops it), and its reloader with its own file watcher.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MtlsRevocationProperties.class)
class MtlsRevocationConfiguration {

	private static final Log logger = LogFactory.getLog(MtlsRevocationConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	RevocationChecker mtlsRevocationChecker(MtlsRevocationProperties revocation, MtlsServerMaterial serverMaterial,
			ResourceLoader resourceLoader, Environment environment) {
		RevocationSources sources = new RevocationSources(revocation, resourceLoader, environment, Clock.systemUTC());
		RevocationMaterial material = sources.load(() -> trusted(serverMaterial.material()));
		material.crls().warnings().forEach(logger::warn);
		OcspClient ocsp = OcspClients.create(revocation, resourceLoader.getClassLoader());
		return new RevocationChecker(revocation.getMode(), material.crls(), material.denyList(), ocsp,
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsRevocationReloader mtlsRevocationReloader(RevocationChecker checker, ObjectProvider<ServerTls> serverTls,
			MtlsServerMaterial serverMaterial, MtlsRevocationProperties revocation, MtlsServerProperties properties,
			ResourceLoader resourceLoader, Environment environment, ApplicationEventPublisher events) {
		RevocationSources sources = new RevocationSources(revocation, resourceLoader, environment, Clock.systemUTC());
		MtlsServerProperties.Reload reload = properties.getReload();
		return new MtlsRevocationReloader(checker, () -> sources.load(() -> {
			ServerTls tls = serverTls.getIfAvailable();
			return trusted((tls != null) ? tls.material() : serverMaterial.material());
		}), sources.watchedPaths(), reload.getQuietPeriod(), reload.getPollInterval(), reload.isEnabled(), events,
				Clock.systemUTC());
	}

	private static List<X509Certificate> trusted(ServerMaterial material) {
		return (material.trust() != null) ? material.trust().certificates() : List.of();
	}

}
