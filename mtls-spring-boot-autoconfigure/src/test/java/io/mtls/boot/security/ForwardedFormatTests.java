package io.mtls.boot.security;

import java.util.List;
import java.util.Map;
import java.util.Random;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One forwarding format end to end against a running application whose own listener asks
 * for no client certificate: header values built to the format's documented encoding and
 * sent from the trusted proxy address are authenticated with their rules; the same values
 * from an untrusted address, forged certificates and a few thousand malformed values are
 * refused with their reason, over one kept-alive connection, and the server keeps
 * serving. Subclasses pick the server and the format (and may put a real proxy in front).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
abstract class ForwardedFormatTests {

	/** A peer that is not a trusted proxy. */
	static final String UNTRUSTED_ADDRESS = "127.0.0.3";

	static final IssuedCertificate BOB = TestCertificates.CA.client("CN=bob,OU=dev,O=mtls-test").issue();

	/** Largest request header block the application accepts, above the starter's cap. */
	private static final int MAX_HEADER_BYTES = 40 * 1024;

	private static final int FUZZED_VALUES = 2000;

	ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	abstract ForwardedCertificateFormat format();

	/**
	 * Returns the address the trusted proxy calls from.
	 * @return a loopback address
	 */
	String trustedAddress() {
		return "127.0.0.2";
	}

	/**
	 * Returns the header the certificate is forwarded in.
	 * @return the header name
	 */
	String header() {
		return format().defaultHeader();
	}

	/**
	 * Returns further application properties.
	 * @return property assignments
	 */
	String[] moreProperties() {
		return TestCertificates.pemProperties();
	}

	@BeforeAll
	void startApplication() {
		this.context = server().start(SecuredApplication.class, EmbeddedServer.properties(moreProperties(),
				"mtls.server.client-auth=none", "mtls.proxy.enabled=true",
				"mtls.proxy.format=" + format().name().toLowerCase().replace('_', '-'), "mtls.proxy.header=" + header(),
				"mtls.proxy.trusted-addresses=" + trustedAddress() + "/32",
				"mtls.authorization.rules[0].subject=OU=ops", "mtls.authorization.rules[0].authorities=ROLE_ADMIN",
				"mtls.authorization.access[0].pattern=/admin/**", "mtls.authorization.access[0].authorities=ROLE_ADMIN",
				"server.max-http-request-header-size=" + MAX_HEADER_BYTES + "B",
				// as a proxy's upstream connection: no request limit per connection
				"server.tomcat.max-keep-alive-requests=-1"));
	}

	@AfterAll
	void stopApplication() {
		this.context.close();
	}

	@Test
	void forwardedCertificateFromTheTrustedProxyIsAuthenticatedWithItsRules() throws Exception {
		try (KeptAliveConnection proxy = fromTrustedProxy()) {
			KeptAliveConnection.Response alice = proxy.get("/whoami", headersOf(TestCertificates.ALICE));
			assertThat(alice.status()).as(alice.body()).isEqualTo(200);
			assertThat(alice.body()).isEqualTo("alice|[FACTOR_X509, ROLE_ADMIN]|CN=alice,OU=ops,O=mtls-test");
			assertThat(proxy.get("/admin/status", headersOf(TestCertificates.ALICE)).status()).isEqualTo(200);
			assertThat(proxy.get("/admin/status", headersOf(BOB)).status()).isEqualTo(403);
		}
	}

	@Test
	void sameHeaderFromAnUntrustedAddressIsRefusedLoggedAndCounted(CapturedOutput output) throws Exception {
		double before = failures("untrusted-proxy");
		try (KeptAliveConnection spoofer = new KeptAliveConnection(UNTRUSTED_ADDRESS, port())) {
			KeptAliveConnection.Response response = spoofer.get("/whoami", headersOf(TestCertificates.ALICE));
			assertThat(response.status()).as(response.body()).isEqualTo(401);
			assertThat(response.body()).contains("\"reason\":\"untrusted-proxy\"");
		}
		assertThat(output).contains("Forwarded client certificate refused (reason: untrusted-proxy)")
			.contains("by " + UNTRUSTED_ADDRESS + ", which is not a trusted proxy");
		assertThat(failures("untrusted-proxy")).isEqualTo(before + 1);
	}

	@Test
	void forgedCertificatesFromTheTrustedAddressAreRefusedWithTheHandshakeReason() throws Exception {
		try (KeptAliveConnection proxy = fromTrustedProxy()) {
			KeptAliveConnection.Response untrusted = proxy.get("/whoami", headersOf(TestCertificates.MALLORY));
			assertThat(untrusted.status()).isEqualTo(401);
			assertThat(untrusted.body()).contains("\"reason\":\"untrusted\"");
			KeptAliveConnection.Response expired = proxy.get("/whoami", headersOf(TestCertificates.EXPIRED_CLIENT));
			assertThat(expired.status()).isEqualTo(401);
			assertThat(expired.body()).contains("\"reason\":\"expired\"");
		}
	}

	@Test
	void generatedMalformedValuesAreRefusedAsMalformedAndTheNextGoodRequestIsServed() throws Exception {
		String good = ForwardedHeaders.single(format(), TestCertificates.ALICE.certificate());
		List<String> values = ForwardedHeaders.malformed(good, FUZZED_VALUES, new Random(format().ordinal()),
				MAX_HEADER_BYTES + 8 * 1024);
		double before = failures("malformed-forwarded-certificate");
		int malformed = 0;
		int refusedByTheServer = 0;
		try (KeptAliveConnection proxy = fromTrustedProxy()) {
			for (String value : values) {
				KeptAliveConnection.Response response = proxy.get("/whoami", Map.of(header(), value));
				if (response.status() == 401) {
					assertThat(response.body()).as(value).contains("\"reason\":\"malformed-forwarded-certificate\"");
					malformed++;
				}
				else {
					// only a header block larger than the server allows is refused by the
					// server itself
					assertThat(response.status()).as(value).isEqualTo(server().headerTooLargeStatus());
					assertThat(value.length()).isGreaterThan(MAX_HEADER_BYTES - 1024);
					refusedByTheServer++;
				}
			}
			KeptAliveConnection.Response alice = proxy.get("/whoami", headersOf(TestCertificates.ALICE));
			assertThat(alice.status()).isEqualTo(200);
			assertThat(proxy.connections()).as("kept alive but for the server's own refusals")
				.isEqualTo(1 + refusedByTheServer);
		}
		assertThat(malformed + refusedByTheServer).isEqualTo(FUZZED_VALUES);
		assertThat(refusedByTheServer).isPositive().isLessThan(FUZZED_VALUES / 64);
		assertThat(failures("malformed-forwarded-certificate")).isEqualTo(before + malformed);
	}

	KeptAliveConnection fromTrustedProxy() {
		return new KeptAliveConnection(trustedAddress(), port());
	}

	Map<String, String> headersOf(IssuedCertificate client) {
		return ForwardedHeaders.of(format(), header(), client.chain());
	}

	int port() {
		return this.context.getWebServer().getPort();
	}

	/**
	 * Returns how many authentications failed so far.
	 * @param reason the reason counted, or {@code null} for any
	 * @return the count
	 */
	double failures(String reason) {
		Search failures = this.context.getBean(MeterRegistry.class)
			.find("mtls.authentication")
			.tag("outcome", "failure");
		return ((reason != null) ? failures.tag("reason", reason) : failures).counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
