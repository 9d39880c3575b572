package io.mtls.boot.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;

import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.test.proxy.MtlsProxyContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ForwardedFormatTests} with a real proxy of the format in a container in front:
 * it ends mTLS with the test PKI and forwards to the application over HTTPS from its
 * source address, the only trusted one. The container starts on the first test that needs
 * it; without Docker those tests fail on CI and are skipped elsewhere.
 */
abstract class RealProxyForwardingTests extends ForwardedFormatTests {

	private final MtlsProxyContainer proxy = newProxy().withServerCertificate(TestCertificates.SERVER)
		.withClientCa(TestCertificates.CA.certificate());

	/**
	 * Returns the proxy to put in front, not configured yet.
	 * @return the container
	 */
	abstract MtlsProxyContainer newProxy();

	@Override
	ForwardedCertificateFormat format() {
		return ForwardedCertificateFormat
			.valueOf(this.proxy.proxy().formatName().toUpperCase(Locale.ROOT).replace('-', '_'));
	}

	@Override
	String trustedAddress() {
		return this.proxy.sourceAddress();
	}

	@Override
	String header() {
		return this.proxy.header();
	}

	@AfterAll
	void stopProxy() {
		this.proxy.stop();
	}

	@Test
	void clientVerifiedByTheProxyGetsItsAuthorities() throws Exception {
		HttpResponse<String> alice = throughProxy(TestCertificates.ALICE, "/whoami");
		assertThat(alice.statusCode()).as(alice.body()).isEqualTo(200);
		assertThat(alice.body()).isEqualTo("alice|[FACTOR_X509, ROLE_ADMIN]|CN=alice,OU=ops,O=mtls-test");
		assertThat(throughProxy(TestCertificates.ALICE, "/admin/status").body()).isEqualTo("admin");
	}

	@Test
	void rulesForbidBobBehindTheProxy() throws Exception {
		assertThat(throughProxy(BOB, "/admin/status").statusCode()).isEqualTo(403);
	}

	@Test
	void clientOfAnUntrustedCaIsRefusedByTheProxyItself() throws Exception {
		startedProxy();
		double before = failures(null);
		int status;
		try {
			HttpResponse<String> response = throughProxy(TestCertificates.MALLORY, "/whoami");
			// nginx completes the handshake and answers 400 itself; the others end the
			// handshake
			assertThat(response.body()).contains("The SSL certificate error");
			status = response.statusCode();
		}
		catch (IOException ex) {
			status = 0;
		}
		assertThat(status).isIn(0, 400);
		assertThat(failures(null)).as("the application never saw the request").isEqualTo(before);
	}

	private HttpResponse<String> throughProxy(IssuedCertificate client, String path) throws Exception {
		return MtlsClients.httpClient(client, TestCertificates.CA.certificate())
			.send(HttpRequest.newBuilder(URI.create(startedProxy().url(path))).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private MtlsProxyContainer startedProxy() {
		if (!this.proxy.isRunning()) {
			this.proxy.forwardingToHttps(port(), TestCertificates.CA.certificate()).start();
		}
		return this.proxy;
	}

}
