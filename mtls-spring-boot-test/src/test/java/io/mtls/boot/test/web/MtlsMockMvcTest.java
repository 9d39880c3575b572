package io.mtls.boot.test.web;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.web.SpringJUnitWebConfig;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import static io.mtls.boot.test.web.MtlsMockMvc.clientCertificate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The chain lands where a servlet container puts a verified one, from
 * {@link MtlsMockMvc#clientCertificate} and from {@link WithClientCertificate}; the
 * application's own filters are exercised by the autoconfigure and sample tests.
 */
@SpringJUnitWebConfig(MtlsMockMvcTest.Chain.class)
@WithClientCertificate(subject = "CN=class-level,O=Example")
class MtlsMockMvcTest {

	private static final CertificateAuthority ROOT = TestPki.rootCa("CN=Root").issue();

	private static final CertificateAuthority INTERMEDIATE = ROOT.intermediateCa("CN=Intermediate").issue();

	private MockMvc mockMvc;

	@BeforeEach
	void mockMvc(WebApplicationContext context) {
		this.mockMvc = MockMvcBuilders.webAppContextSetup(context).apply(MtlsMockMvc.withClientCertificates()).build();
	}

	@Test
	@WithClientCertificate(subject = "CN=alice,OU=ops,O=Example", sanUri = "spiffe://example.org/ns/ops/sa/api",
			sanDns = "api.ops.example.org", sanEmail = "alice@example.org", sanIp = "10.0.0.1",
			issuer = "CN=Ops CA,O=Example")
	void annotationIssuesTheCertificateFromTheNamedTestCa() throws Exception {
		assertThat(chain("/chain")).isEqualTo("CN=alice,OU=ops,O=Example by CN=Ops CA,O=Example "
				+ "[[2, api.ops.example.org], [6, spiffe://example.org/ns/ops/sa/api], [1, alice@example.org], [7, 10.0.0.1]]");
	}

	@Test
	void classLevelAnnotationAppliesToEveryMethod() throws Exception {
		assertThat(chain("/chain")).startsWith("CN=class-level,O=Example by CN=mtls-spring-boot test CA");
	}

	@Test
	void explicitCertificateWinsAndCarriesItsIntermediates() throws Exception {
		IssuedCertificate bob = INTERMEDIATE.client("CN=bob").issue();
		String body = this.mockMvc.perform(get("/chain").with(clientCertificate(bob)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(body).startsWith("CN=bob by CN=Intermediate").endsWith("(2 certificates)");
	}

	private String chain(String path) throws Exception {
		return this.mockMvc.perform(get(path)).andReturn().getResponse().getContentAsString();
	}

	@Nested
	class WithoutAnnotationOnTheMethod {

		@Test
		void enclosingClassAnnotationApplies() throws Exception {
			assertThat(chain("/chain")).startsWith("CN=class-level,O=Example");
		}

	}

	@Configuration
	@EnableWebMvc
	@RestController
	static class Chain {

		@GetMapping("/chain")
		String chain(HttpServletRequest request) throws Exception {
			X509Certificate[] chain = (X509Certificate[]) request.getAttribute(MtlsMockMvc.CERTIFICATES_ATTRIBUTE);
			if (chain == null) {
				return "none";
			}
			X509Certificate leaf = chain[0];
			String names = (chain.length == 1 && leaf.getSubjectAlternativeNames() != null)
					? " " + leaf.getSubjectAlternativeNames() : "";
			return leaf.getSubjectX500Principal().getName() + " by " + leaf.getIssuerX500Principal().getName() + names
					+ ((chain.length > 1) ? " (" + chain.length + " certificates)" : "");
		}

	}

}
