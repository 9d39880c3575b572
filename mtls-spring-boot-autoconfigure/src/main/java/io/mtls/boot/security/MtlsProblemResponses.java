package io.mtls.boot.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.tls.ClientCertificateListener;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
		RejectionReason reason;
		String detail;
		if (exception.getCause() instanceof ClientIdentityException rejected) {
			reason = rejected.reason();
			detail = rejected.getMessage();
		}
		else if (request.getAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE) == null) {
			reason = RejectionReason.NO_CERTIFICATE;
			detail = "This resource requires a client certificate; none was presented.";
		}
		else {
			reason = RejectionReason.UNAUTHENTICATED;
			detail = exception.getMessage();
		}
		this.listener.refused(clientCertificate(request), reason);
		write(request, response, HttpStatus.UNAUTHORIZED, reason, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException {
		Principal principal = request.getUserPrincipal();
		String who = (principal != null) ? "'" + principal.getName() + "'" : "The client";
		String detail = who + " lacks the authority for " + request.getMethod() + " " + request.getRequestURI() + ".";
		this.listener.refused(clientCertificate(request), RejectionReason.FORBIDDEN);
		write(request, response, HttpStatus.FORBIDDEN, RejectionReason.FORBIDDEN, detail);
	}

	private static @Nullable X509Certificate clientCertificate(HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request
			.getAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE);
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
			RejectionReason reason, @Nullable String detail) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":" + json(status.getReasonPhrase()) + ",\"status\":"
					+ status.value() + ",\"detail\":" + json(detail) + ",\"instance\":" + json(request.getRequestURI())
					+ ",\"reason\":" + json(reason.code()) + "}");
	}

	private static String json(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
