package io.mtls.sample;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.jar.RunningJar;
import io.mtls.boot.test.junit.LoopbackPorts;
import io.mtls.boot.test.spiffe.WorkloadApiServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample's packaged jar as a SPIFFE fleet runs them, configured by
 * documented properties only: each gets its X509-SVID and its trust bundles from its own
 * Workload API socket (the test-support agent, as a SPIRE agent would serve them), serves
 * that SVID and calls the other instance with the outbound client on it. Driven with curl
 * and the JDK's TLS client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpiffeSampleJarIT {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));

	private static final String ORDERS = "spiffe://fleet.test/ns/shop/sa/orders";

	private static final String BILLING = "spiffe://fleet.test/ns/shop/sa/billing";

	@TempDir
	static Path directory;

	private static CertificateAuthority fleet;

	private static CertificateAuthority partner;

	private static WorkloadApiServer ordersAgent;

	private static WorkloadApiServer billingAgent;

	private static RunningJar orders;

	private static RunningJar billing;

	private static SSLContext probe;

	@BeforeAll
	static void startTheFleet() throws Exception {
		fleet = TestPki.rootCa("CN=fleet.test SPIFFE CA").uri("spiffe://fleet.test").issue();
		partner = TestPki.rootCa("CN=partner.test SPIFFE CA").uri("spiffe://partner.test").issue();
		fleet.writeCertificatePem(directory.resolve("fleet.crt"));
		IssuedCertificate operator = fleet.svid("spiffe://fleet.test/ns/ops/sa/operator").issue();
		operator.writeChainPem(directory.resolve("operator.pem"));
		operator.writePrivateKeyPem(directory.resolve("operator.key"));
		probe = MtlsClients.sslContext(fleet.svid("spiffe://fleet.test/ns/ops/sa/probe").issue(), fleet.certificate());
		ordersAgent = WorkloadApiServer.start(fleet, ORDERS, Duration.ofHours(1), "localhost");
		billingAgent = WorkloadApiServer.start(fleet, BILLING, Duration.ofHours(1), "localhost");
		// billing's agent federates partner.test, whose peers billing does not accept
		billingAgent.federate("partner.test", partner.certificate());
		int ordersPort = LoopbackPorts.free();
		int billingPort = LoopbackPorts.free();
		orders = RunningJar.start(JAR, directory, ordersPort, Map.of(), arguments(ordersAgent, billingPort));
		billing = RunningJar.start(JAR, directory, billingPort, Map.of(),
				arguments(billingAgent, ordersPort, "--mtls.spiffe.accept.trust-domains=fleet.test"));
	}

	private static List<String> arguments(WorkloadApiServer agent, int downstreamPort, String... more) {
		List<String> arguments = new java.util.ArrayList<>(List.of("--mtls.dev.enabled=false",
				"--mtls.spiffe.workload-api.enabled=true", "--mtls.spiffe.workload-api.socket=" + agent.address(),
				"--sample.downstream-url=https://localhost:" + downstreamPort + "/whoami"));
		arguments.addAll(List.of(more));
		return arguments;
	}

	@AfterAll
	static void stopTheFleet() throws Exception {
		for (AutoCloseable closeable : new AutoCloseable[] { orders, billing, ordersAgent, billingAgent }) {
			if (closeable != null) {
				closeable.close();
			}
		}
	}

	@Test
	@Order(1)
	void eachInstanceServesItsSvidAndCallsTheOtherPresentingIt() throws Exception {
		assertThat(servedSerial(orders)).isEqualTo(serial(ordersAgent));
		assertThat(servedSerial(billing)).isEqualTo(serial(billingAgent));

		RunningJar.Curl viaOrders = curl(orders, "/downstream");
		assertThat(viaOrders.status()).as(viaOrders.output()).isEqualTo("200");
		// billing answered the call and saw orders' SVID
		assertThat(viaOrders.body()).contains("\\\"spiffeId\\\":\\\"" + ORDERS + "\\\"");
		RunningJar.Curl viaBilling = curl(billing, "/downstream");
		assertThat(viaBilling.status()).as(viaBilling.output()).isEqualTo("200");
		assertThat(viaBilling.body()).contains("\\\"spiffeId\\\":\\\"" + BILLING + "\\\"");
	}

	@Test
	@Order(2)
	void rotationsUnderLoadFailNoRequestAndTheNewSvidIsServedWithinOneSecondOfThePush() throws Exception {
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger served = new AtomicInteger();
		List<String> failures = new CopyOnWriteArrayList<>();
		Thread load = new Thread(() -> {
			while (running.get()) {
				for (RunningJar jar : List.of(orders, billing)) {
					RunningJar.Curl call = curlQuietly(jar, "/downstream");
					if (call.status().equals("200") && call.body().contains("\"status\":200")) {
						served.incrementAndGet();
					}
					else {
						failures.add(call.output());
					}
				}
			}
		});
		load.start();
		List<Duration> delays = new java.util.ArrayList<>();
		try {
			for (int rotation = 0; rotation < 4; rotation++) {
				Thread.sleep(2000);
				for (WorkloadApiServer agent : List.of(ordersAgent, billingAgent)) {
					BigInteger next = agent.rotate().certificate().getSerialNumber();
					Instant pushed = Instant.now();
					RunningJar jar = (agent == ordersAgent) ? orders : billing;
					while (!servedSerial(jar).equals(next)) {
						assertThat(Duration.between(pushed, Instant.now())).as("time to serve the pushed SVID")
							.isLessThan(Duration.ofSeconds(1));
					}
					delays.add(Duration.between(pushed, Instant.now()));
				}
			}
			Thread.sleep(2000);
		}
		finally {
			running.set(false);
			load.join();
		}
		assertThat(failures).isEmpty();
		assertThat(served.get()).isGreaterThan(8);
		System.out.println("Pushed SVIDs were served after " + delays + "; " + served + " calls across rotations");
	}

	@Test
	@Order(3)
	void aPeerOfAFederatedTrustDomainThatIsNotAcceptedIsRefusedWithItsReason() throws Exception {
		IssuedCertificate intruder = partner.svid("spiffe://partner.test/ns/shop/sa/intruder").issue();
		RunningJar.Curl refused = billing.curl(directory.resolve("fleet.crt"),
				intruder.writeChainPem(directory.resolve("intruder.pem")),
				intruder.writePrivateKeyPem(directory.resolve("intruder.key")), "/whoami");
		assertThat(refused.status()).isEqualTo("000");
		assertThat(billing.log()).contains("reason: trust-domain")
			.contains("spiffe://partner.test/ns/shop/sa/intruder");
		// orders' agent does not federate partner.test: there the same peer is untrusted
		RunningJar.Curl untrusted = orders.curl(directory.resolve("fleet.crt"), directory.resolve("intruder.pem"),
				directory.resolve("intruder.key"), "/whoami");
		assertThat(untrusted.status()).isEqualTo("000");
		assertThat(orders.log()).contains("reason: untrusted");
	}

	@Test
	@Order(4)
	void theAgentStoppingAndComingBackLosesNothing() throws Exception {
		BigInteger before = serial(ordersAgent);
		ordersAgent.stop();
		for (int call = 0; call < 5; call++) {
			RunningJar.Curl served = curl(orders, "/downstream");
			assertThat(served.status()).as(served.output()).isEqualTo("200");
			Thread.sleep(500);
		}
		assertThat(servedSerial(orders)).isEqualTo(before);
		BigInteger next = ordersAgent.rotate().certificate().getSerialNumber();
		ordersAgent.start();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (!servedSerial(orders).equals(next)) {
			assertThat(Instant.now()).as("the SVID pushed after the agent came back is served").isBefore(deadline);
			Thread.sleep(100);
		}
		RunningJar.Curl after = curl(orders, "/downstream");
		assertThat(after.status()).as(after.output()).isEqualTo("200");
	}

	private static BigInteger serial(WorkloadApiServer agent) {
		return agent.svid().certificate().getSerialNumber();
	}

	private static BigInteger servedSerial(RunningJar jar) throws Exception {
		try (SSLSocket socket = (SSLSocket) probe.getSocketFactory().createSocket("127.0.0.1", jar.port())) {
			socket.startHandshake();
			return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
		}
	}

	private static RunningJar.Curl curl(RunningJar jar, String path) throws Exception {
		return jar.curl(directory.resolve("fleet.crt"), directory.resolve("operator.pem"),
				directory.resolve("operator.key"), path);
	}

	private static RunningJar.Curl curlQuietly(RunningJar jar, String path) {
		try {
			return curl(jar, path);
		}
		catch (Exception ex) {
			return new RunningJar.Curl(ex + "\n000\n");
		}
	}

}
