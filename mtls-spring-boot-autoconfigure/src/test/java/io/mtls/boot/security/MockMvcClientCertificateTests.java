package io.mtls.boot.security;

import io.mtls.boot.test.web.WithClientCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static io.mtls.boot.security.SecurityTestPki.ROOT;
import static io.mtls.boot.test.web.MtlsMockMvc.clientCertificate;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The test support of {@code mtls-spring-boot-test} against the starter: certificates
 * from {@link WithClientCertificate} and {@code clientCertificate(...)} go through the
 * real filter, authority rules, access rules and method security.
 */
@SpringBootTest(classes = SecuredApplication.class, properties = { "mtls.authorization.default-authorities=ROLE_CLIENT",
		"mtls.authorization.rules[0].subject=OU=ops", "mtls.authorization.rules[0].authorities=ROLE_ADMIN",
		"mtls.authorization.access[0].pattern=/admin/**", "mtls.authorization.access[0].authorities=ROLE_ADMIN" })
@AutoConfigureMockMvc
class MockMvcClientCertificateTests {

	@Autowired
	private MockMvc mockMvc;

	@Test
	@WithClientCertificate(subject = "CN=alice,OU=ops,O=Example")
	void rulesGrantTheAuthoritiesOfTheAnnotatedCertificate() throws Exception {
		this.mockMvc.perform(get("/whoami"))
			.andExpect(status().isOk())
			.andExpect(content().string("alice|[FACTOR_X509, ROLE_ADMIN, ROLE_CLIENT]|CN=alice,OU=ops,O=Example"));
		this.mockMvc.perform(get("/ops")).andExpect(content().string("ops alice"));
	}

	@Test
	@WithClientCertificate(subject = "CN=bob,OU=dev,O=Example")
	void accessRulesAndMethodSecurityRefuseWithTheStartersProblem() throws Exception {
		this.mockMvc.perform(get("/admin/status"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.reason").value("forbidden"));
		this.mockMvc.perform(get("/ops")).andExpect(status().isForbidden());
	}

	@Test
	@WithClientCertificate(subject = "CN=orders,O=Example", sanUri = "spiffe://example.org/ns/prod/sa/orders")
	void spelSeesTheSpiffeId() throws Exception {
		this.mockMvc.perform(get("/workload")).andExpect(content().string("spiffe://example.org/ns/prod/sa/orders"));
	}

	@Test
	void explicitCertificateIsAuthenticatedByTheRealProvider() throws Exception {
		this.mockMvc.perform(get("/whoami").with(clientCertificate(ROOT.client("CN=a,CN=b,O=Example").issue())))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.reason").value("ambiguous-common-name"));
		this.mockMvc.perform(get("/whoami").with(clientCertificate(ROOT.client("CN=carol,O=Example").issue())))
			.andExpect(content().string(containsString("carol|[FACTOR_X509, ROLE_CLIENT]|")));
	}

	@Test
	void withoutCertificateTheRequestIsUnauthenticated() throws Exception {
		this.mockMvc.perform(get("/whoami"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.reason").value("no-certificate"));
	}

}
