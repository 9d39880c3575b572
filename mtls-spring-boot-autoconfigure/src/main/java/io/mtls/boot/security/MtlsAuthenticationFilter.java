package io.mtls.boot.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.tls.ClientCertificateListener;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates each request by the client certificate the TLS handshake verified, or
 * that a trusted proxy forwarded (see {@link ForwardedClientCertificates}). Requests
 * without one pass through unauthenticated; a certificate that cannot be turned into an
 * identity is answered by the entry point with its reason.
 * <p>
 * It runs once per request: the authentication is kept in a request attribute, as Spring
 * Security's own filters keep theirs, so the request's {@code ERROR}, {@code FORWARD} and
 * {@code ASYNC} dispatches see it without authenticating (and counting) again. Who called
 * is recorded under the {@link MtlsRequestAttributes} names for access logs.
 */
public class MtlsAuthenticationFilter extends OncePerRequestFilter {

	/** The servlet request attribute holding the verified client chain. */
	public static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private final AuthenticationManager authenticationManager;

	private final AuthenticationEntryPoint entryPoint;

	private final SecurityContextHolderStrategy securityContextHolderStrategy;

	private final ClientCertificateListener listener;

	private final @Nullable ForwardedClientCertificates forwarded;

	// never the session: a certificate belongs to the connection, and each request
	// carries it
	private final SecurityContextRepository securityContextRepository = new RequestAttributeSecurityContextRepository();

	/**
	 * Creates a filter.
	 * @param authenticationManager authenticates
	 * {@link ClientCertificateAuthenticationToken}s
	 * @param entryPoint answers requests whose certificate is rejected
	 * @param securityContextHolderStrategy where the authentication is stored
	 * @param listener told about every authenticated request
	 * @param forwarded resolves certificates forwarded by trusted proxies, or
	 * {@code null} to take only the handshake's
	 */
	public MtlsAuthenticationFilter(AuthenticationManager authenticationManager, AuthenticationEntryPoint entryPoint,
			SecurityContextHolderStrategy securityContextHolderStrategy, ClientCertificateListener listener,
			@Nullable ForwardedClientCertificates forwarded) {
		this.authenticationManager = authenticationManager;
		this.entryPoint = entryPoint;
		this.securityContextHolderStrategy = securityContextHolderStrategy;
		this.listener = listener;
		this.forwarded = forwarded;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		X509Certificate[] certificates = (X509Certificate[]) request.getAttribute(CERTIFICATES_ATTRIBUTE);
		if (this.forwarded != null) {
			try {
				X509Certificate[] forwardedChain = this.forwarded.resolve(request::getHeader, request.getRemoteAddr(),
						certificates, request::setAttribute);
				certificates = (forwardedChain != null) ? forwardedChain : certificates;
			}
			catch (ClientIdentityException ex) {
				this.securityContextHolderStrategy.clearContext();
				this.entryPoint.commence(request, response, new BadCredentialsException(ex.getMessage(), ex));
				return;
			}
		}
		if (certificates == null || certificates.length == 0) {
			chain.doFilter(request, response);
			return;
		}
		Authentication authentication;
		try {
			authentication = this.authenticationManager
				.authenticate(ClientCertificateAuthenticationToken.unauthenticated(List.of(certificates)));
		}
		catch (AuthenticationException ex) {
			this.securityContextHolderStrategy.clearContext();
			this.entryPoint.commence(request, response, ex);
			return;
		}
		SecurityContext context = this.securityContextHolderStrategy.createEmptyContext();
		context.setAuthentication(authentication);
		this.securityContextHolderStrategy.setContext(context);
		this.securityContextRepository.saveContext(context, request, response);
		MtlsRequestAttributes.record(authentication, request::setAttribute);
		this.listener.authenticated(certificates[0], authentication.getName());
		chain.doFilter(request, response);
	}

}
