package io.mtls.boot.core.proxy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TrustedProxiesTests {

	private static final CertificateAuthority CA = TestPki.rootCa("CN=Proxy CA").issue();

	@Test
	void onlyAddressesInTheTrustedRangesMayForward() {
		TrustedProxies proxies = TrustedProxies.compile("p", List.of("127.0.0.2/32", "10.0.0.0/8", "fd00::/8"),
				List.of());
		assertThat(proxies.trusts("127.0.0.2", null)).isTrue();
		assertThat(proxies.trusts("10.20.30.40", null)).isTrue();
		assertThat(proxies.trusts("fd00:0:0:0:0:0:0:1", null)).isTrue();
		assertThat(proxies.trusts("127.0.0.1", null)).isFalse();
		assertThat(proxies.trusts("0:0:0:0:0:0:0:1", null)).isFalse();
		assertThat(proxies.trusts("proxy.example.org", null)).isFalse();
		assertThat(proxies.trusts(null, null)).isFalse();
	}

	@Test
	void hopRulesRequireTheProxysOwnCertificateToMatch() {
		CertificateRule gateway = CertificateRule.compileCriteria("h",
				Map.of("spiffe-id", "spiffe://example.org/ns/ingress/sa/gateway"));
		TrustedProxies proxies = TrustedProxies.compile("p", List.of("127.0.0.2"), List.of(gateway));
		X509Certificate[] gatewayChain = {
				CA.client("CN=gw").uri("spiffe://example.org/ns/ingress/sa/gateway").issue().certificate() };
		X509Certificate[] otherChain = {
				CA.client("CN=other").uri("spiffe://example.org/ns/x/sa/y").issue().certificate() };
		assertThat(proxies.trusts("127.0.0.2", gatewayChain)).isTrue();
		assertThat(proxies.trusts("127.0.0.2", otherChain)).isFalse();
		assertThat(proxies.trusts("127.0.0.2", null)).isFalse();
		assertThat(proxies.trusts("127.0.0.1", gatewayChain)).isFalse();
	}

	@Test
	void noAddressesOrABadOneIsRefusedNamingTheProperty() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TrustedProxies.compile("mtls.proxy.trusted-addresses", List.of(), List.of()))
			.withMessageContaining("'mtls.proxy.trusted-addresses' is empty");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TrustedProxies.compile("mtls.proxy.trusted-addresses", List.of("10.0.0.0/8", "proxy"), List.of()))
			.withMessageStartingWith("'mtls.proxy.trusted-addresses[1]'");
	}

}
