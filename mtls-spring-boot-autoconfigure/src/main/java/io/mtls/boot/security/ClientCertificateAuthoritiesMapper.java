package io.mtls.boot.security;

import java.util.Collection;

import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.security.core.GrantedAuthority;

/**
 * Maps a verified client identity to the authorities it is granted. The default maps with
 * the {@code mtls.authorization.rules}; define a bean of this type to map in code,
 * injecting {@link io.mtls.boot.core.identity.AuthorityRules} to extend the rules rather
 * than replace them. Called once per certificate: results are cached.
 */
@FunctionalInterface
public interface ClientCertificateAuthoritiesMapper {

	/**
	 * Returns the authorities granted to the identity.
	 * @param identity the verified client identity
	 * @return the authorities, possibly empty
	 */
	Collection<? extends GrantedAuthority> getAuthorities(ClientIdentity identity);

}
