package io.mtls.boot.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.mtls.boot.core.tls.ClientCertificateListener;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers unauthenticated (401) and forbidden (403) requests with an RFC 9457
 * {@code application/problem+json} body whose {@code reason} member says why, such as
 * {@code no-certificate}, {@code ambiguous-common-name} or {@code forbidden}.
 */
public class MtlsProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final ClientCertificateListener listener;

	/**
	 * Creates the handler.
	 * @param listener told about every refused request
	 */
	public MtlsProblemResponses(ClientCertificateListener listener) {
		this.listener = listener;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		X509Certificate certificate = clientCertificate(request);
		MtlsProblem problem = MtlsProblem.unauthenticated(exception,
				request.getAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE) != null);
		this.listener.refused(certificate, problem.reason());
		write(request, response, problem);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		Principal principal = request.getUserPrincipal();
		MtlsProblem problem = MtlsProblem.forbidden((principal != null) ? principal.getName() : null,
				request.getMethod(), request.getRequestURI());
		this.listener.refused(clientCertificate(request), problem.reason());
		write(request, response, problem);
	}

	private static @Nullable X509Certificate clientCertificate(HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request
			.getAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE);
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, MtlsProblem problem)
			throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(problem.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write(problem.json(request.getRequestURI()));
	}

}
