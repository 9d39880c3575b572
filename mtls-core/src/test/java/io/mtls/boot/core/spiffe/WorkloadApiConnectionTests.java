package io.mtls.boot.core.spiffe;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.junit.Deadline;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The connection against a real Workload API server on a Unix socket: java-spiffe's
 * client, real gRPC streams, test-PKI SVIDs.
 */
class WorkloadApiConnectionTests {

	private static final String ID = "spiffe://example.org/ns/orders/sa/api";

	private static final String SOCKET_PROPERTY = "mtls.spiffe.workload-api.socket";

	private static final String TIMEOUT_PROPERTY = "mtls.spiffe.workload-api.startup-timeout";

	private static CertificateAuthority exampleOrg;

	private static CertificateAuthority partnerOrg;

	private WorkloadApiServer agent;

	private WorkloadApiConnection connection;

	@BeforeAll
	static void createTrustDomains() {
		exampleOrg = TestPki.rootCa("CN=example.org SPIFFE CA").uri("spiffe://example.org").issue();
		partnerOrg = TestPki.rootCa("CN=partner.org SPIFFE CA").uri("spiffe://partner.org").issue();
	}

	@AfterEach
	void close() {
		if (this.connection != null) {
			this.connection.close();
		}
		if (this.agent != null) {
			this.agent.close();
		}
	}

	@Test
	void firstUpdateCarriesTheSvidItsKeyAndTheOwnBundle() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address(), Duration.ofSeconds(10));

		WorkloadApiMaterial material = this.connection.current();
		assertThat(material.spiffeId()).isEqualTo(ID);
		assertThat(material.key().certificate()).isEqualTo(this.agent.svid().certificate());
		assertThat(material.key().privateKey().getEncoded()).isEqualTo(this.agent.svid().privateKey().getEncoded());
		assertThat(material.bundles()).singleElement().satisfies((bundle) -> {
			assertThat(bundle.trustDomain()).isEqualTo("example.org");
			assertThat(bundle.authorities()).containsExactly(exampleOrg.certificate());
			assertThat(bundle.earliestExpiry()).isEqualTo(exampleOrg.certificate().getNotAfter().toInstant());
		});
		assertThat(this.connection.status().state()).isEqualTo(WorkloadApiConnection.State.CONNECTED);
	}

	@Test
	void aRotationIsPushedToTheListenersWithoutPolling() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address(), Duration.ofSeconds(10));
		AtomicInteger updates = new AtomicInteger();
		this.connection.onUpdate(updates::incrementAndGet);

		IssuedCertificate next = this.agent.rotate();

		Deadline.await(Duration.ofSeconds(10),
				() -> this.connection.current().key().certificate().equals(next.certificate()));
		assertThat(updates.get()).isPositive();
	}

	@Test
	void federatedTrustDomainsArriveAsBundlesOfTheirOwn() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address(), Duration.ofSeconds(10));

		this.agent.federate("partner.org", partnerOrg.certificate());

		Deadline.await(Duration.ofSeconds(10), () -> this.connection.current().bundles().size() == 2);
		assertThat(this.connection.current().bundles()).extracting(WorkloadApiMaterial.TrustBundle::trustDomain)
			.containsExactly("example.org", "partner.org");
		assertThat(this.connection.current().trust(this.connection.source()).certificates())
			.containsExactlyInAnyOrder(exampleOrg.certificate(), partnerOrg.certificate());
	}

	@Test
	void aMissingSocketFailsAfterTheTimeoutNamingTheSocketAndTheProperty() {
		String socket = "unix:/tmp/mtls-no-such-dir/agent.sock";

		assertThatExceptionOfType(WorkloadApiUnavailableException.class)
			.isThrownBy(() -> open(socket, Duration.ofMillis(500)))
			.satisfies((ex) -> {
				assertThat(ex.getDescription()).contains(socket, SOCKET_PROPERTY, "the socket does not exist");
				assertThat(ex.getAction()).contains(TIMEOUT_PROPERTY);
			});
	}

	@Test
	void aStalledAgentFailsStartupSayingItSentNothing() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.agent.stall();

		assertThatExceptionOfType(WorkloadApiUnavailableException.class)
			.isThrownBy(() -> open(this.agent.address(), Duration.ofMillis(500)))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("sent no SVID"));
	}

	@Test
	void aPlainPathIsAUnixSocketAndAnotherSchemeIsRefusedNamingTheProperty() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address().substring("unix:".length()), Duration.ofSeconds(10));
		assertThat(this.connection.socket()).isEqualTo(this.agent.address());

		assertThatExceptionOfType(InvalidMtlsConfigurationException.class)
			.isThrownBy(() -> open("http://localhost/agent", Duration.ofMillis(100)))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains(SOCKET_PROPERTY, "http://localhost/agent"));
	}

	@Test
	void anAgentGoneKeepsTheLastSvidAndItsReturnBringsTheNextOne() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address(), Duration.ofSeconds(10));
		IssuedCertificate first = this.agent.svid();

		this.agent.stop();
		Deadline.await(Duration.ofSeconds(10),
				() -> this.connection.status().state() == WorkloadApiConnection.State.DISCONNECTED);
		assertThat(this.connection.current().key().certificate()).isEqualTo(first.certificate());

		IssuedCertificate next = this.agent.rotate();
		this.agent.start();
		Deadline.await(Duration.ofSeconds(10),
				() -> this.connection.status().state() == WorkloadApiConnection.State.CONNECTED);
		Deadline.await(Duration.ofSeconds(10),
				() -> this.connection.current().key().certificate().equals(next.certificate()));
	}

	@Test
	void anUnusableUpdateIsReportedAndTheLastGoodSvidStays() {
		this.agent = WorkloadApiServer.start(exampleOrg, ID);
		this.connection = open(this.agent.address(), Duration.ofSeconds(10));
		IssuedCertificate good = this.agent.svid();

		// a CA certificate is no SVID: java-spiffe refuses it
		this.agent.serve(exampleOrg.intermediateCa("CN=not an SVID").uri(ID).issue());

		Deadline.await(Duration.ofSeconds(10), () -> rejected(this.connection));
		assertThat(this.connection.lastGood().key().certificate()).isEqualTo(good.certificate());
		IssuedCertificate next = this.agent.rotate();
		Deadline.await(Duration.ofSeconds(10), () -> !rejected(this.connection)
				&& this.connection.current().key().certificate().equals(next.certificate()));
	}

	private static boolean rejected(WorkloadApiConnection connection) {
		try {
			connection.current();
			return false;
		}
		catch (InvalidMaterialException ex) {
			return ex.getDescription().contains(SOCKET_PROPERTY);
		}
	}

	private static WorkloadApiConnection open(String socket, Duration timeout) {
		return WorkloadApiConnection.open(socket, SOCKET_PROPERTY, timeout, TIMEOUT_PROPERTY, Duration.ofMillis(50),
				Duration.ofMillis(200), Clock.systemUTC());
	}

}
