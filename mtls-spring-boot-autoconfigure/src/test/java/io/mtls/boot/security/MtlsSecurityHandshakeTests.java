package io.mtls.boot.security;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.pki.CertificateSpec;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;

import static io.mtls.boot.security.SecurityTestPki.OPS_CA;
import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.security.SecurityTestPki.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificate identity to authorities over real handshakes: every matcher kind grants
 * what it should and nothing more, and no parsing trap grants a rule meant for another
 * identity. Subclasses pick the server (and with it the servlet or reactive security
 * integration).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MtlsSecurityHandshakeTests {

	private static final IssuedCertificate FINGERPRINTED = ROOT.client("CN=pinned,O=Example").issue();

	private ConfigurableWebServerApplicationContext context;

	abstract EmbeddedServer server();

	ConfigurableWebServerApplicationContext context() {
		return this.context;
	}

	@BeforeAll
	void start() {
		String[] rules = { "mtls.authorization.default-authorities=ROLE_CLIENT",
				"mtls.authorization.rules[0].subject=OU=ops,O=Example",
				"mtls.authorization.rules[0].authorities=ROLE_SUBJECT",
				"mtls.authorization.rules[1].issuer=CN=Ops CA,O=Example",
				"mtls.authorization.rules[1].authorities=ROLE_ISSUER",
				"mtls.authorization.rules[2].san-dns=*.svc.example.org",
				"mtls.authorization.rules[2].authorities=ROLE_DNS",
				"mtls.authorization.rules[3].san-uri=https://id.example.org/users/*",
				"mtls.authorization.rules[3].authorities=ROLE_URI",
				"mtls.authorization.rules[4].san-email=*@example.org",
				"mtls.authorization.rules[4].authorities=ROLE_EMAIL", "mtls.authorization.rules[5].san-ip=10.1.0.0/16",
				"mtls.authorization.rules[5].authorities=ROLE_IP",
				"mtls.authorization.rules[6].spiffe-id=spiffe://example.org/ns/*/sa/orders",
				"mtls.authorization.rules[6].authorities=ROLE_SPIFFE",
				"mtls.authorization.rules[7].fingerprint=" + FINGERPRINTED.sha256Fingerprint(),
				"mtls.authorization.rules[7].authorities=ROLE_FINGERPRINT",
				// lower-case attribute types on purpose: types compare case-insensitively
				"mtls.authorization.rules[8].subject=ou=admin,o=Example",
				"mtls.authorization.rules[8].authorities=ROLE_ADMIN",
				"mtls.authorization.rules[9].subject=CN=alice,O=Example",
				"mtls.authorization.rules[9].authorities=ROLE_ALICE",
				"mtls.authorization.rules[10].san-uri=spiffe://example.org/ns/*/sa/payments",
				"mtls.authorization.rules[10].authorities=ROLE_PAYMENTS",
				"mtls.authorization.access[0].pattern=/admin/**",
				"mtls.authorization.access[0].authorities=ROLE_ADMIN" };
		this.context = server().start(SecuredApplication.class,
				Stream.concat(Stream.of(SecurityTestPki.serverProperties("need")), Stream.of(rules))
					.toArray(String[]::new));
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	static Stream<Arguments> clients() {
		return Stream.of(granted("subject RDNs", ROOT.client("CN=s,OU=ops,O=Example"), "ROLE_SUBJECT"),
				granted("subject near miss", ROOT.client("CN=s,OU=opsx,O=Example")),
				granted("issuer (intermediate CA, chain sent by the client)", OPS_CA.client("CN=i,O=Example"),
						"ROLE_ISSUER"),
				granted("san-dns one label", ROOT.client("CN=d,O=Example").dns("a.svc.example.org"), "ROLE_DNS"),
				granted("san-dns two labels", ROOT.client("CN=d,O=Example").dns("a.b.svc.example.org")),
				granted("san-uri", ROOT.client("CN=u,O=Example").uri("https://id.example.org/users/bob"), "ROLE_URI"),
				granted("san-uri star does not cross '/'",
						ROOT.client("CN=u,O=Example").uri("https://id.example.org/users/bob/admin")),
				granted("san-email", ROOT.client("CN=e,O=Example").email("bob@example.org"), "ROLE_EMAIL"),
				granted("san-email other domain", ROOT.client("CN=e,O=Example").email("bob@example.org.evil.com")),
				granted("san-ip in range", ROOT.client("CN=p,O=Example").ip("10.1.2.3"), "ROLE_IP"),
				granted("san-ip out of range", ROOT.client("CN=p,O=Example").ip("10.2.0.1")),
				granted("spiffe-id", ROOT.client("CN=w,O=Example").uri("spiffe://example.org/ns/prod/sa/orders"),
						"ROLE_SPIFFE"),
				granted("spiffe-id deeper path",
						ROOT.client("CN=w,O=Example").uri("spiffe://example.org/ns/prod/sa/orders/x")),
				granted("lower-case rule types match", ROOT.client("CN=root,OU=admin,O=Example"), "ROLE_ADMIN"),
				granted("exact CN", ROOT.client("CN=alice,O=Example"), "ROLE_ALICE"),
				granted("trap: escaped ',OU=admin' inside the CN", ROOT.client("CN=mallory\\,OU=admin,O=Example")),
				granted("trap: multi-valued RDN OU=admin+CN=mallory", ROOT.client("OU=admin+CN=mallory,O=Example")),
				granted("trap: Cyrillic look-alike of alice", ROOT.client("CN=\u0430lice,O=Example")),
				granted("trap: CN differs in case", ROOT.client("CN=Alice,O=Example")),
				granted("trap: invalid SPIFFE ID with '..'",
						ROOT.client("CN=w,O=Example").uri("spiffe://example.org/ns/../sa/payments")),
				granted("trap: SPIFFE-looking URI with upper-case trust domain",
						ROOT.client("CN=w,O=Example").uri("spiffe://Example.org/ns/prod/sa/payments")));
	}

	private static Arguments granted(String scenario, CertificateSpec<IssuedCertificate> spec, String... authorities) {
		return Arguments.of(scenario, spec.issue(),
				Stream.concat(Stream.of("FACTOR_X509", "ROLE_CLIENT"), Stream.of(authorities))
					.sorted()
					.toList()
					.toString());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clients")
	void grantsExactlyTheAuthoritiesOfMatchingRules(String scenario, IssuedCertificate client, String authorities)
			throws Exception {
		HttpResponse<String> response = get(this.context, client, "/whoami");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body().split("\\|")[1]).isEqualTo(authorities);
	}

	@Test
	void fingerprintRuleGrantsOnlyThatCertificate() throws Exception {
		assertThat(get(this.context, FINGERPRINTED, "/whoami").body())
			.contains("[FACTOR_X509, ROLE_CLIENT, ROLE_FINGERPRINT]");
		IssuedCertificate sameSubject = ROOT.client("CN=pinned,O=Example").issue();
		assertThat(get(this.context, sameSubject, "/whoami").body()).contains("|[FACTOR_X509, ROLE_CLIENT]|");
	}

	@Test
	void escapedCommaTrapIsForbiddenFromAdminPathsWithAProblemResponse() throws Exception {
		IssuedCertificate mallory = ROOT.client("CN=mallory\\,OU=admin,O=Example").issue();
		HttpResponse<String> response = get(this.context, mallory, "/admin/status");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json;charset=UTF-8");
		assertThat(response.body()).contains("\"status\":403", "\"reason\":\"forbidden\"",
				"\"detail\":\"'mallory,OU=admin' lacks the authority for GET /admin/status.\"");
	}

	@Test
	void adminReachesAdminPaths() throws Exception {
		HttpResponse<String> response = get(this.context, ROOT.client("CN=root,OU=admin,O=Example").issue(),
				"/admin/status");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("admin");
	}

	@Test
	void twoCommonNamesAreRefusedAsAmbiguousAndTheFailureIsPublished() throws Exception {
		HttpResponse<String> response = get(this.context, ROOT.client("CN=alice,CN=mallory,O=Example").issue(),
				"/whoami");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"reason\":\"ambiguous-common-name\"");
		assertThat(events().events)
			.anySatisfy((event) -> assertThat(event).isInstanceOf(AuthenticationFailureBadCredentialsEvent.class));
	}

	@Test
	void twoSpiffeIdsAreRefusedAsAmbiguous() throws Exception {
		IssuedCertificate client = ROOT.client("CN=w,O=Example")
			.uri("spiffe://example.org/ns/prod/sa/orders", "spiffe://example.org/ns/prod/sa/payments")
			.issue();
		HttpResponse<String> response = get(this.context, client, "/whoami");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"reason\":\"ambiguous-spiffe-id\"");
	}

	@Test
	void identityIsInjectableAndAvailableToMethodSecuritySpel() throws Exception {
		IssuedCertificate workload = ROOT.client("CN=w,O=Example")
			.uri("spiffe://example.org/ns/prod/sa/orders")
			.issue();
		assertThat(get(this.context, workload, "/workload").body()).isEqualTo("spiffe://example.org/ns/prod/sa/orders");
		assertThat(get(this.context, workload, "/whoami").body()).endsWith("|CN=w,O=Example");
		assertThat(get(this.context, ROOT.client("CN=plain,O=Example").issue(), "/workload").statusCode())
			.isEqualTo(403);
	}

	@Test
	void successfulAuthenticationsArePublished() throws Exception {
		get(this.context, ROOT.client("CN=audited,O=Example").issue(), "/whoami");
		assertThat(events().events).anySatisfy((event) -> {
			assertThat(event).isInstanceOf(AuthenticationSuccessEvent.class);
			assertThat(event.getAuthentication().getName()).isEqualTo("audited");
		});
	}

	private SecuredApplication.AuthenticationEvents events() {
		return this.context.getBean(SecuredApplication.AuthenticationEvents.class);
	}

}
