package io.mtls.sample;

import io.mtls.boot.test.web.WithClientCertificate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The sample's endpoints tested the way users test theirs: MockMvc requests carrying a
 * certificate from {@link WithClientCertificate}, decided by the sample's real rules,
 * access rules and method security. No server and no dev PKI needed.
 */
// no server material without the dev PKI, hence no mtls health contributor for readiness
@SpringBootTest(
		properties = { "mtls.dev.enabled=false", "management.endpoint.health.group.readiness.include=readinessState" })
@AutoConfigureMockMvc
class SampleMockMvcTests {

	private static final String DEV_PKI = "O=mtls-spring-boot dev PKI";

	@Autowired
	private MockMvc mockMvc;

	@Test
	@WithClientCertificate(subject = "CN=alice,OU=ops," + DEV_PKI)
	void opsAreAdmins() throws Exception {
		this.mockMvc.perform(get("/whoami"))
			.andExpect(jsonPath("$.principal").value("alice"))
			.andExpect(jsonPath("$.authorities").value(contains("FACTOR_X509", "ROLE_ADMIN", "ROLE_USER")));
		this.mockMvc.perform(get("/admin/status")).andExpect(status().isOk());
		this.mockMvc.perform(get("/orders/audit")).andExpect(jsonPath("$.auditor").value("alice"));
	}

	@Test
	@WithClientCertificate(subject = "CN=bob,OU=dev," + DEV_PKI)
	void developersAreNot() throws Exception {
		this.mockMvc.perform(get("/admin/status"))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.reason").value("forbidden"));
		this.mockMvc.perform(get("/orders/audit")).andExpect(status().isForbidden());
		this.mockMvc.perform(get("/orders")).andExpect(status().isForbidden());
	}

	@Test
	@WithClientCertificate(subject = "CN=orders-service," + DEV_PKI, sanUri = "spiffe://mtls.dev/ns/default/sa/orders")
	void theOrdersWorkloadIsAServiceByItsSpiffeId() throws Exception {
		this.mockMvc.perform(get("/orders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.caller").value("spiffe://mtls.dev/ns/default/sa/orders"));
	}

}
