package io.mtls.boot.core.identity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The authorities every client identity receives plus those of each matching
 * {@link CertificateRule}.
 */
public final class AuthorityRules {

	private final List<String> defaultAuthorities;

	private final List<CertificateRule> rules;

	/**
	 * Creates the rules.
	 * @param defaultAuthorities the authorities granted to every client identity
	 * @param rules the compiled rules, evaluated in order
	 */
	public AuthorityRules(List<String> defaultAuthorities, List<CertificateRule> rules) {
		this.defaultAuthorities = List.copyOf(defaultAuthorities);
		this.rules = List.copyOf(rules);
	}

	/**
	 * Returns the authorities of a client identity: the defaults, then those of every
	 * matching rule in rule order, each once.
	 * @param identity the client identity
	 * @return the de-duplicated authorities
	 */
	public List<String> authoritiesFor(ClientIdentity identity) {
		Set<String> authorities = new LinkedHashSet<>(this.defaultAuthorities);
		MatchableIdentity matchable = new MatchableIdentity(identity);
		for (CertificateRule rule : this.rules) {
			if (rule.matches(matchable)) {
				authorities.addAll(rule.authorities());
			}
		}
		return List.copyOf(authorities);
	}

	/**
	 * Returns the authorities granted to every client identity.
	 * @return the default authorities
	 */
	public List<String> defaultAuthorities() {
		return this.defaultAuthorities;
	}

	/**
	 * Returns the rules in evaluation order.
	 * @return the compiled rules
	 */
	public List<CertificateRule> rules() {
		return this.rules;
	}

}
