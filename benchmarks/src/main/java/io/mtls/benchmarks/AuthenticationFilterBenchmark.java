package io.mtls.benchmarks;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mtls.boot.actuate.InventoryRecorder;
import io.mtls.boot.actuate.MtlsMetrics;
import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.CompositeClientCertificateListener;
import io.mtls.boot.security.ClientCertificateAuthenticationProvider;
import io.mtls.boot.security.MtlsAuthenticationFilter;
import io.mtls.boot.security.MtlsProblemResponses;
import io.mtls.boot.security.RuleBasedAuthoritiesMapper;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsByNameServiceWrapper;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.security.web.authentication.preauth.x509.X509AuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Per-request cost of authenticating a request by its client certificate: the mTLS filter
 * with its per-certificate cache warm ("cached") and defeated ("uncached", a different
 * certificate on every request), with 1 or 100 rules, cached again with the inventory and
 * meters the starter adds per request, against Spring Security's {@code x509()} filter
 * with a {@code UserDetailsService} on the same certificate. Both publish authentication
 * events through the same publisher and keep no session.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthenticationFilterBenchmark extends AverageTimeBenchmark {

	private static final int UNCACHED_CERTIFICATES = 256;

	private static final FilterChain NO_OP = (request, response) -> {
	};

	@Param({ "1", "100" })
	int rules;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private MockHttpServletRequest request;

	private MockHttpServletRequest[] distinctRequests;

	private int next;

	private MtlsAuthenticationFilter cachedFilter;

	private MtlsAuthenticationFilter uncachedFilter;

	private MtlsAuthenticationFilter observedFilter;

	private X509AuthenticationFilter x509Filter;

	@Setup
	public void setUp() throws Exception {
		CertificateAuthority ca = TestPki.rootCa("CN=Bench Root,O=Example").issue();
		IssuedCertificate alice = ca.client("CN=alice,OU=ops,O=Example")
			.dns("alice.ops.example.org")
			.uri("spiffe://example.org/ns/ops/sa/alice")
			.issue();
		this.request = requestWith(alice);
		this.distinctRequests = new MockHttpServletRequest[UNCACHED_CERTIFICATES];
		for (int i = 0; i < UNCACHED_CERTIFICATES; i++) {
			this.distinctRequests[i] = requestWith(ca.client("CN=alice-" + i + ",OU=ops,O=Example")
				.dns("alice-" + i + ".ops.example.org")
				.uri("spiffe://example.org/ns/ops/sa/alice-" + i)
				.issue());
		}
		AuthorityRules authorityRules = new AuthorityRules(List.of("ROLE_USER"), rules(this.rules));
		ClientCertificateListener none = new ClientCertificateListener() {
		};
		this.cachedFilter = mtlsFilter(authorityRules, 10_000, none);
		// a one-entry cache and a different certificate on every request: every request
		// misses
		this.uncachedFilter = mtlsFilter(authorityRules, 1, none);
		// what the starter wires per request besides authentication: the inventory and
		// the meters
		ClientCertificateInventory inventory = new ClientCertificateInventory(100, Clock.systemUTC());
		MtlsMetrics metrics = new MtlsMetrics(new SimpleMeterRegistry(), serverMaterial(ca), inventory,
				Clock.systemUTC());
		this.observedFilter = mtlsFilter(authorityRules, 10_000,
				new CompositeClientCertificateListener(List.of(new InventoryRecorder(inventory), metrics)));
		this.x509Filter = x509Filter();
	}

	@Benchmark
	public void mtlsCached() throws ServletException, IOException {
		this.cachedFilter.doFilter(this.request, this.response, NO_OP);
		this.holder.clearContext();
	}

	@Benchmark
	public void mtlsCachedWithInventoryAndMetrics() throws ServletException, IOException {
		this.observedFilter.doFilter(this.request, this.response, NO_OP);
		this.holder.clearContext();
	}

	@Benchmark
	public void mtlsUncached() throws ServletException, IOException {
		MockHttpServletRequest distinct = this.distinctRequests[this.next++ % UNCACHED_CERTIFICATES];
		this.uncachedFilter.doFilter(distinct, this.response, NO_OP);
		this.holder.clearContext();
	}

	@Benchmark
	public void springSecurityX509() throws ServletException, IOException {
		this.x509Filter.doFilter(this.request, this.response, NO_OP);
		this.holder.clearContext();
	}

	private MtlsAuthenticationFilter mtlsFilter(AuthorityRules authorityRules, int cacheSize,
			ClientCertificateListener listener) {
		ClientCertificateAuthenticationProvider provider = new ClientCertificateAuthenticationProvider(
				PrincipalSource.CN, new RuleBasedAuthoritiesMapper(authorityRules), cacheSize, Clock.systemUTC());
		return new MtlsAuthenticationFilter(withEvents(new ProviderManager(provider)),
				new MtlsProblemResponses(listener), this.holder, listener, null);
	}

	private static ServerMaterial serverMaterial(CertificateAuthority ca) {
		IssuedCertificate server = ca.localhostServer();
		return new ServerMaterial(new KeyMaterial(server.privateKey(), server.chain(),
				MaterialSource.loadedElsewhere("benchmark", "memory")), null);
	}

	private X509AuthenticationFilter x509Filter() {
		InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
				User.withUsername("alice").password("{noop}unused").roles("USER", "ADMIN").build());
		PreAuthenticatedAuthenticationProvider provider = new PreAuthenticatedAuthenticationProvider();
		provider.setPreAuthenticatedUserDetailsService(
				new UserDetailsByNameServiceWrapper<PreAuthenticatedAuthenticationToken>(users));
		X509AuthenticationFilter filter = new X509AuthenticationFilter();
		filter.setAuthenticationManager(withEvents(new ProviderManager(provider)));
		// stateless, like the mTLS filter: no HTTP session is created or read
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		filter.afterPropertiesSet();
		return filter;
	}

	private static ProviderManager withEvents(ProviderManager manager) {
		manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher((event) -> {
		}));
		return manager;
	}

	private static MockHttpServletRequest requestWith(IssuedCertificate client) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/orders");
		request.setAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE,
				client.chain().toArray(X509Certificate[]::new));
		return request;
	}

	/**
	 * Returns {@code count} rules of mixed kinds of which exactly the last matches.
	 */
	private static List<CertificateRule> rules(int count) {
		List<CertificateRule> rules = new ArrayList<>();
		for (int i = 0; i < count - 1; i++) {
			Map<String, String> criteria = switch (i % 4) {
				case 0 -> Map.of("subject", "OU=team-" + i + ",O=Example");
				case 1 -> Map.of("san-dns", "*.team-" + i + ".example.org");
				case 2 -> Map.of("spiffe-id", "spiffe://example.org/ns/team-" + i + "/sa/*");
				default -> Map.of("issuer", "CN=Team " + i + " CA,O=Example");
			};
			rules.add(CertificateRule.compile("rules[" + i + "]", criteria, List.of("ROLE_TEAM_" + i)));
		}
		rules.add(CertificateRule.compile("rules[" + (count - 1) + "]", Map.of("subject", "OU=ops,O=Example"),
				List.of("ROLE_ADMIN")));
		return rules;
	}

}
