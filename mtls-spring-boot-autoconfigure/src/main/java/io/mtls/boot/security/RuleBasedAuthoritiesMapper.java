package io.mtls.boot.security;

import java.util.List;

import io.mtls.boot.core.identity.AuthorityRules;
import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Grants the default authorities plus those of every matching
 * {@code mtls.authorization.rules} entry.
 */
public class RuleBasedAuthoritiesMapper implements ClientCertificateAuthoritiesMapper {

	private final AuthorityRules rules;

	/**
	 * Creates a mapper for compiled rules.
	 * @param rules the rules
	 */
	public RuleBasedAuthoritiesMapper(AuthorityRules rules) {
		this.rules = rules;
	}

	@Override
	public List<GrantedAuthority> getAuthorities(ClientIdentity identity) {
		return this.rules.authoritiesFor(identity).stream().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
	}

}
