package io.mtls.boot.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.material.KeySource;
import io.mtls.boot.core.material.ServerMaterialSource;
import io.mtls.boot.core.material.TrustSource;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerIdentification;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.dev.DevPki;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conditions and startup failures of the SPIFFE Workload API ({@code mtls.spiffe.*}):
 * when it is the server's and the outbound material source, where its socket comes from,
 * the principal it implies, the trust-domain allow-list on its own, and a failure
 * analysis for each way it cannot start.
 */
class MtlsSpiffeConfigurationTests {

	private static final String ID = "spiffe://example.org/ns/orders/sa/api";

	private static CertificateAuthority exampleOrg;

	private static WorkloadApiServer agent;

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class,
				MtlsClientAutoConfiguration.class));

	@BeforeAll
	static void startAgent() {
		exampleOrg = TestPki.rootCa("CN=example.org SPIFFE CA").uri("spiffe://example.org").issue();
		agent = WorkloadApiServer.start(exampleOrg, ID);
	}

	@AfterAll
	static void stopAgent() {
		agent.close();
	}

	@Test
	void disabledByDefaultSoFileMaterialIsServedAndTheCnNamesPrincipals() {
		this.runner.withPropertyValues(TestCertificates.pemProperties()).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(WorkloadApiConnection.class);
			assertThat(context.getBean(ServerMaterialSource.class).key()).isInstanceOf(KeySource.PemFiles.class);
			assertThat(context.getBean(ClientTls.class).identification()).isEqualTo(ServerIdentification.HOST_NAME);
			assertThat(principal(context)).isEqualTo(PrincipalSource.CN);
		});
	}

	@Test
	void enabledItIsTheServersKeyAndTrustSourceAndSpiffeIdsNamePrincipals() {
		enabled().withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address()).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WorkloadApiConnection.class).socket()).isEqualTo(agent.address());
			ServerMaterialSource source = context.getBean(ServerMaterialSource.class);
			assertThat(source.key()).isInstanceOf(KeySource.WorkloadApi.class);
			assertThat(source.trust()).isInstanceOf(TrustSource.WorkloadApi.class);
			assertThat(context.getBean(ServerTls.class).material().key().certificate())
				.isEqualTo(agent.svid().certificate());
			assertThat(principal(context)).isEqualTo(PrincipalSource.SPIFFE_ID);
		});
	}

	@Test
	void theDevPkiStandsAsideForTheWorkloadApi() {
		enabled().withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address(), "mtls.dev.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DevPki.class);
				assertThat(context.getBean(ServerTls.class).material().key().certificate())
					.isEqualTo(agent.svid().certificate());
			});
	}

	@Test
	void aPrincipalSetExplicitlyWinsOverTheSpiffeIdDefault() {
		enabled().withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address(), "mtls.identity.principal=dn")
			.run((context) -> assertThat(principal(context)).isEqualTo(PrincipalSource.DN));
	}

	@Test
	void theSocketDefaultsToSpiffeEndpointSocket() {
		enabled().withPropertyValues("SPIFFE_ENDPOINT_SOCKET=" + agent.address())
			.run((context) -> assertThat(context.getBean(WorkloadApiConnection.class).socket())
				.isEqualTo(agent.address()));
	}

	@Test
	void theSocketPropertyWinsOverSpiffeEndpointSocketAndAPlainPathIsAUnixSocket(@TempDir Path directory) {
		Path path = directory.resolve("agent.sock");
		try (WorkloadApiServer onPath = WorkloadApiServer.startOn(path, exampleOrg, ID, Duration.ofHours(1))) {
			assertThat(onPath.address()).isEqualTo("unix:" + path);
			enabled()
				.withPropertyValues("SPIFFE_ENDPOINT_SOCKET=" + agent.address(),
						"mtls.spiffe.workload-api.socket=" + path)
				.run((context) -> {
					assertThat(context.getBean(WorkloadApiConnection.class).socket()).isEqualTo("unix:" + path);
					assertThat(context.getBean(ServerTls.class).material().key().certificate())
						.isEqualTo(onPath.svid().certificate());
				});
		}
	}

	@Test
	void acceptedTrustDomainsAloneRestrictFileMaterialClients() {
		this.runner.withPropertyValues(TestCertificates.pemProperties())
			.withPropertyValues("mtls.spiffe.accept.trust-domains=example.org")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(WorkloadApiConnection.class);
				ServerTls tls = context.getBean(ServerTls.class);
				assertThat(tls.judge(TestCertificates.CA.svid("spiffe://example.org/ns/a/sa/b").issue().chain()))
					.isEmpty();
				assertThat(tls.judge(TestCertificates.CA.svid("spiffe://other.org/ns/a/sa/b").issue().chain()))
					.hasValueSatisfying(
							(rejection) -> assertThat(rejection.reason()).isEqualTo(RejectionReason.TRUST_DOMAIN));
			});
	}

	@Test
	void outboundCallsIdentifyServersBySpiffeIdWithTheAcceptedTrustDomains() {
		enabled()
			.withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address(),
					"mtls.spiffe.accept.trust-domains=example.org")
			.run((context) -> {
				ClientTls tls = context.getBean(ClientTls.class);
				assertThat(tls.identification()).isEqualTo(ServerIdentification.bySpiffeId(Set.of("example.org")));
				assertThat(tls.material().key().certificate()).isEqualTo(agent.svid().certificate());
			});
	}

	@Test
	void outboundCallsAreOffWithTheClientSwitchAndByHostNameWithOwnClientTrust() {
		enabled().withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address(), "mtls.client.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(ServerTls.class)
				.doesNotHaveBean(ClientTls.class));
		enabled()
			.withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address(),
					"mtls.client.trust=file:" + TestCertificates.CA_CERTIFICATE)
			.run((context) -> assertThat(context.getBean(ClientTls.class).identification())
				.isEqualTo(ServerIdentification.HOST_NAME));
	}

	@Test
	void noSvidWithinTheStartupTimeoutNamesTheSocketAndBothProperties() {
		enabled()
			.withPropertyValues("mtls.spiffe.workload-api.socket=unix:/nonexistent/agent.sock",
					"mtls.spiffe.workload-api.startup-timeout=300ms")
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("unix:/nonexistent/agent.sock",
						"'mtls.spiffe.workload-api.socket'", "the socket does not exist");
				assertThat(analysis.getAction()).contains("'mtls.spiffe.workload-api.startup-timeout'");
			});
	}

	@Test
	void aStalledAgentFailsStartupNamingTheTimeout() {
		WorkloadApiServer stalled = WorkloadApiServer.start(exampleOrg, ID);
		stalled.stall();
		try {
			enabled()
				.withPropertyValues("mtls.spiffe.workload-api.socket=" + stalled.address(),
						"mtls.spiffe.workload-api.startup-timeout=300ms")
				.run((context) -> {
					FailureAnalysis analysis = analysis(context);
					assertThat(analysis.getDescription()).contains(stalled.address(), "sent no SVID");
					assertThat(analysis.getAction()).contains("'mtls.spiffe.workload-api.startup-timeout'");
				});
		}
		finally {
			stalled.close();
		}
	}

	@Test
	void noSocketPropertyAndNoSpiffeEndpointSocketNamesTheProperty() {
		enabled().run((context) -> {
			FailureAnalysis analysis = analysis(context);
			assertThat(analysis.getDescription()).contains("'mtls.spiffe.workload-api.socket'",
					"SPIFFE_ENDPOINT_SOCKET");
			assertThat(analysis.getAction()).contains("'mtls.spiffe.workload-api.socket'");
		});
	}

	@Test
	void javaSpiffeMissingFromTheClasspathNamesTheDependency() {
		enabled().withPropertyValues("mtls.spiffe.workload-api.socket=" + agent.address())
			.withClassLoader(new FilteredClassLoader("io.spiffe."))
			.run((context) -> {
				FailureAnalysis analysis = analysis(context);
				assertThat(analysis.getDescription()).contains("'mtls.spiffe.workload-api.enabled'");
				assertThat(analysis.getAction()).contains("io.spiffe:java-spiffe-core", "io.spiffe:grpc-netty-linux");
			});
	}

	private WebApplicationContextRunner enabled() {
		return this.runner.withPropertyValues("mtls.spiffe.workload-api.enabled=true",
				"mtls.spiffe.workload-api.startup-timeout=10s");
	}

	private static PrincipalSource principal(AssertableWebApplicationContext context) {
		return MtlsAuthenticationConfiguration.principal(context.getBean(MtlsIdentityProperties.class),
				context.getEnvironment());
	}

	private static FailureAnalysis analysis(AssertableWebApplicationContext context) {
		assertThat(context).hasFailed();
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure());
		assertThat(analysis).as("failure analysis of " + context.getStartupFailure()).isNotNull();
		return analysis;
	}

}
