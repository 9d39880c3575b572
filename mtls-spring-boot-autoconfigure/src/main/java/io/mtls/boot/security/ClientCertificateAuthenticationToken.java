package io.mtls.boot.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mtls.boot.core.identity.ClientIdentity;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Authentication by a verified client certificate. Before authentication it carries the
 * chain the TLS handshake verified; afterwards its principal is the
 * {@link ClientIdentity}, so {@code @AuthenticationPrincipal ClientIdentity} and SpEL
 * such as {@code principal.spiffeId} work, and its authorities include
 * {@code FACTOR_X509}, so Spring Security's multi-factor rules count the certificate.
 */
public final class ClientCertificateAuthenticationToken extends AbstractAuthenticationToken {

	// a plain authority, as Spring Security's x509() grants it: a cached token has no
	// meaningful issue time
	private static final GrantedAuthority X509_FACTOR = new SimpleGrantedAuthority(
			FactorGrantedAuthority.X509_AUTHORITY);

	private final List<X509Certificate> chain;

	private final @Nullable ClientIdentity identity;

	private final String name;

	private ClientCertificateAuthenticationToken(List<X509Certificate> chain, @Nullable ClientIdentity identity,
			String name, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.chain = List.copyOf(chain);
		this.identity = identity;
		this.name = name;
		setAuthenticated(identity != null);
	}

	/**
	 * Creates an unauthenticated token for a chain the TLS handshake verified.
	 * @param chain the client's chain, leaf first
	 * @return the token
	 */
	public static ClientCertificateAuthenticationToken unauthenticated(List<X509Certificate> chain) {
		return new ClientCertificateAuthenticationToken(chain, null, chain.get(0).getSubjectX500Principal().getName(),
				List.of());
	}

	/**
	 * Creates an authenticated token, granting the X.509 factor
	 * ({@link FactorGrantedAuthority#X509_AUTHORITY}) besides the given authorities.
	 * @param identity the client identity
	 * @param principalName the name chosen by {@code mtls.identity.principal}
	 * @param authorities the granted authorities
	 * @return the token
	 */
	public static ClientCertificateAuthenticationToken authenticated(ClientIdentity identity, String principalName,
			Collection<? extends GrantedAuthority> authorities) {
		List<GrantedAuthority> granted = new ArrayList<>(authorities);
		if (granted.stream()
			.noneMatch((authority) -> FactorGrantedAuthority.X509_AUTHORITY.equals(authority.getAuthority()))) {
			granted.add(X509_FACTOR);
		}
		return new ClientCertificateAuthenticationToken(identity.chain(), identity, principalName, granted);
	}

	/**
	 * Returns the client's certificate chain, leaf first.
	 * @return the chain
	 */
	public List<X509Certificate> getChain() {
		return this.chain;
	}

	@Override
	public List<X509Certificate> getCredentials() {
		return this.chain;
	}

	/**
	 * Returns the {@link ClientIdentity} once authenticated, else {@code null}.
	 * @return the identity or {@code null}
	 */
	@Override
	public @Nullable ClientIdentity getPrincipal() {
		return this.identity;
	}

	@Override
	public String getName() {
		return this.name;
	}

}
