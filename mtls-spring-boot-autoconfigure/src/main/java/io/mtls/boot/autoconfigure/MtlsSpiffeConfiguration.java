package io.mtls.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsMaterialReloader;
import io.mtls.boot.server.MtlsSslBundleRegistrar;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * The SPIFFE Workload API as the server's material source
 * ({@code mtls.spiffe.workload-api.enabled}): waits at startup for the first X509-SVID,
 * then every SVID or bundle the agent pushes goes through the reloader's
 * validate-then-swap path, as a changed file does. Imported by
 * {@link MtlsServerAutoConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("mtls.spiffe.workload-api.enabled")
class MtlsSpiffeConfiguration {

	private static final String PREFIX = "mtls.spiffe.workload-api.";

	private static final String SOCKET_ENVIRONMENT_VARIABLE = "SPIFFE_ENDPOINT_SOCKET";

	// java-spiffe's client, and the Unix socket transport it loads at run time
	private static final List<String> CLIENT_CLASSES = List.of("io.spiffe.workloadapi.DefaultWorkloadApiClient",
			"io.spiffe.workloadapi.internal.GrpcManagedChannelFactory");

	private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	@Bean
	@ConditionalOnMissingBean
	WorkloadApiConnection mtlsWorkloadApiConnection(MtlsSpiffeProperties properties, Environment environment,
			ResourceLoader resourceLoader) {
		rejectMissingClient(resourceLoader.getClassLoader());
		MtlsSpiffeProperties.WorkloadApi workloadApi = properties.getWorkloadApi();
		String configured = workloadApi.getSocket();
		String socket = (configured != null) ? configured : environment.getProperty(SOCKET_ENVIRONMENT_VARIABLE);
		if (socket == null || socket.isBlank()) {
			throw new InvalidMtlsConfigurationException(
					"'" + PREFIX + "enabled' is true but no Workload API socket is configured: neither '" + PREFIX
							+ "socket' nor the environment variable " + SOCKET_ENVIRONMENT_VARIABLE + " is set.",
					"Set '" + PREFIX + "socket' to the agent's socket, such as "
							+ "'unix:/run/spire/sockets/agent.sock', or export " + SOCKET_ENVIRONMENT_VARIABLE + ".");
		}
		String socketProperty = (configured != null) ? PREFIX + "socket" : SOCKET_ENVIRONMENT_VARIABLE;
		return WorkloadApiConnection.open(socket, socketProperty, workloadApi.getStartupTimeout(),
				PREFIX + "startup-timeout", INITIAL_BACKOFF, MAX_BACKOFF, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ServerMaterialSource mtlsServerMaterialSource(MtlsServerProperties properties, ResourceLoader resourceLoader,
			Environment environment, WorkloadApiConnection workloadApi) {
		ServerMaterialSources.rejectServerSslMaterial(environment);
		return new ServerMaterialSources(properties.getServer(), resourceLoader).fromWorkloadApi(workloadApi);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsServerMaterial mtlsServerMaterial(ServerMaterialSource source) {
		return MtlsServerMaterial.loadedFrom(source);
	}

	@Bean
	@ConditionalOnMissingBean
	MtlsMaterialReloader mtlsMaterialReloader(ServerTls serverTls, MtlsServerProperties properties,
			ServerMaterialSource source, ApplicationEventPublisher events, WorkloadApiConnection workloadApi) {
		MtlsServerProperties.Reload reload = properties.getReload();
		Clock clock = Clock.systemUTC();
		// pushed, not watched: no files, and each update reloads at once
		MtlsMaterialReloader reloader = new MtlsMaterialReloader(serverTls, () -> source.load(clock.instant()),
				List.of(), reload.getQuietPeriod(), reload.getPollInterval(), false, events, clock);
		workloadApi.onUpdate(reloader::reload);
		// an update that arrived before the listener was registered
		reloader.reload();
		return reloader;
	}

	@Bean
	SslBundleRegistrar mtlsSslBundleRegistrar(ServerTls serverTls) {
		return new MtlsSslBundleRegistrar(serverTls);
	}

	private static void rejectMissingClient(@Nullable ClassLoader classLoader) {
		for (String name : CLIENT_CLASSES) {
			if (!ClassUtils.isPresent(name, classLoader)) {
				throw new InvalidMtlsConfigurationException(
						"'" + PREFIX + "enabled' is true but the SPIFFE Workload API client is not on the classpath ("
								+ name + " is missing).",
						"Add io.spiffe:java-spiffe-core and io.spiffe:grpc-netty-linux (grpc-netty-macos on macOS) "
								+ "as dependencies, or set '" + PREFIX + "enabled=false'.");
			}
		}
	}

}
