package io.mtls.boot.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.Optional;

import io.mtls.boot.core.tls.ClientCertificateListener;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux counterpart of {@link MtlsProblemResponses}: the same 401 and 403
 * {@code application/problem+json} answers, with the same reasons.
 */
public class ReactiveMtlsProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

	private final ClientCertificateListener listener;

	/**
	 * Creates the handler.
	 * @param listener told about every refused exchange
	 */
	public ReactiveMtlsProblemResponses(ClientCertificateListener listener) {
		this.listener = listener;
	}

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException exception) {
		X509Certificate certificate = clientCertificate(exchange);
		MtlsProblem problem = MtlsProblem.unauthenticated(exception, certificate != null);
		this.listener.refused(certificate, problem.reason());
		return write(exchange, problem);
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException exception) {
		return exchange.getPrincipal()
			.map(Principal::getName)
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((principal) -> {
				MtlsProblem problem = MtlsProblem.forbidden(principal.orElse(null),
						exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value());
				this.listener.refused(clientCertificate(exchange), problem.reason());
				return write(exchange, problem);
			});
	}

	private static @Nullable X509Certificate clientCertificate(ServerWebExchange exchange) {
		X509Certificate[] chain = exchange.getAttribute(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE);
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

	private static Mono<Void> write(ServerWebExchange exchange, MtlsProblem problem) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(problem.status());
		response.getHeaders().setContentType(new MediaType(MediaType.APPLICATION_PROBLEM_JSON, StandardCharsets.UTF_8));
		DataBuffer body = response.bufferFactory()
			.wrap(problem.json(exchange.getRequest().getPath().value()).getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(body));
	}

}
