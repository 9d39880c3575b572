package io.mtls.boot.test.web;

import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.pki.IssuedCertificate;

import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.ConfigurableMockMvcBuilder;
import org.springframework.test.web.servlet.setup.MockMvcConfigurer;
import org.springframework.web.context.WebApplicationContext;

/**
 * MockMvc support for client certificates, as Spring Security's
 * {@code SecurityMockMvcRequestPostProcessors.x509(...)} is for its {@code x509()}:
 * <pre class="code">
 * mockMvc.perform(get("/orders").with(clientCertificate(alice))).andExpect(status().isOk());
 * </pre> The chain is put where a servlet container puts the chain its TLS handshake
 * verified (the {@value #CERTIFICATES_ATTRIBUTE} request attribute), so the application's
 * own filter chain authenticates it. No handshake happens: the chain is trusted as given.
 */
public final class MtlsMockMvc {

	/** The servlet request attribute holding the verified client chain. */
	public static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private MtlsMockMvc() {
	}

	/**
	 * Attaches the certificate followed by its intermediate CAs (not the root), as a
	 * client sends them.
	 * @param certificate a certificate of the test PKI
	 * @return the post processor
	 */
	public static RequestPostProcessor clientCertificate(IssuedCertificate certificate) {
		return clientCertificate(certificate.chain().toArray(X509Certificate[]::new));
	}

	/**
	 * Attaches the chain, leaf first.
	 * @param chain the client chain
	 * @return the post processor
	 */
	public static RequestPostProcessor clientCertificate(X509Certificate... chain) {
		X509Certificate[] attached = List.of(chain).toArray(X509Certificate[]::new);
		return (request) -> {
			request.setAttribute(CERTIFICATES_ATTRIBUTE, attached);
			return request;
		};
	}

	/**
	 * Returns a configurer for a hand-built {@code MockMvc} whose requests carry the
	 * certificate of the running test's {@link WithClientCertificate}; the MockMvc of
	 * {@code @AutoConfigureMockMvc} has it already.
	 * @return the configurer for {@code MockMvcBuilders...apply(...)}
	 */
	public static MockMvcConfigurer withClientCertificates() {
		return new MockMvcConfigurer() {

			@Override
			public RequestPostProcessor beforeMockMvcCreated(ConfigurableMockMvcBuilder<?> builder,
					WebApplicationContext context) {
				return (request) -> {
					IssuedCertificate current = WithClientCertificateTestExecutionListener.current();
					return (current != null) ? clientCertificate(current).postProcessRequest(request) : request;
				};
			}

		};
	}

}
