package io.mtls.boot.security;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.tls.ClientCertificateListener;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The WebFlux counterpart of {@link MtlsAuthenticationFilter}: authenticates each
 * exchange by the client certificate the TLS handshake verified, or that a trusted proxy
 * forwarded (see {@link ForwardedClientCertificates}). Exchanges without one pass through
 * unauthenticated; a certificate that cannot be turned into an identity is answered by
 * the entry point with its reason. The chain and who called are recorded as exchange
 * attributes, under the names the servlet filter uses for request attributes.
 */
public class MtlsAuthenticationWebFilter implements WebFilter {

	private final ClientCertificateReactiveAuthenticationManager authenticationManager;

	private final ServerAuthenticationEntryPoint entryPoint;

	private final ClientCertificateListener listener;

	private final @Nullable ForwardedClientCertificates forwarded;

	/**
	 * Creates a filter.
	 * @param authenticationManager authenticates
	 * {@link ClientCertificateAuthenticationToken}s
	 * @param entryPoint answers exchanges whose certificate is rejected
	 * @param listener told about every authenticated exchange
	 * @param forwarded resolves certificates forwarded by trusted proxies, or
	 * {@code null} to take only the handshake's
	 */
	public MtlsAuthenticationWebFilter(ClientCertificateReactiveAuthenticationManager authenticationManager,
			ServerAuthenticationEntryPoint entryPoint, ClientCertificateListener listener,
			@Nullable ForwardedClientCertificates forwarded) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
		this.listener = listener;
		this.forwarded = forwarded;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		Map<String, Object> attributes = exchange.getAttributes();
		SslInfo sslInfo = request.getSslInfo();
		X509Certificate @Nullable [] certificates = (sslInfo != null) ? sslInfo.getPeerCertificates() : null;
		if (certificates != null && certificates.length > 0) {
			attributes.put(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE, certificates);
		}
		if (this.forwarded != null) {
			try {
				X509Certificate[] forwardedChain = this.forwarded.resolve(request.getHeaders()::getFirst,
						remoteAddress(request), certificates, attributes::put);
				certificates = (forwardedChain != null) ? forwardedChain : certificates;
			}
			catch (ClientIdentityException ex) {
				return this.entryPoint.commence(exchange, new BadCredentialsException(ex.getMessage(), ex));
			}
		}
		if (certificates == null || certificates.length == 0) {
			return chain.filter(exchange);
		}
		X509Certificate leaf = certificates[0];
		return this.authenticationManager
			.authenticate(ClientCertificateAuthenticationToken.unauthenticated(List.of(certificates)))
			.flatMap((authentication) -> authenticated(exchange, chain, leaf, authentication))
			.onErrorResume(AuthenticationException.class, (ex) -> this.entryPoint.commence(exchange, ex));
	}

	private Mono<Void> authenticated(ServerWebExchange exchange, WebFilterChain chain, X509Certificate leaf,
			Authentication authentication) {
		MtlsRequestAttributes.record(authentication, exchange.getAttributes()::put);
		this.listener.authenticated(leaf, authentication.getName());
		// never a session: a certificate belongs to the connection, and each exchange
		// carries it
		return chain.filter(exchange)
			.contextWrite(ReactiveSecurityContextHolder
				.withSecurityContext(Mono.just(new SecurityContextImpl(authentication))));
	}

	private static String remoteAddress(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		// no address: no proxy can be trusted
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "";
	}

}
