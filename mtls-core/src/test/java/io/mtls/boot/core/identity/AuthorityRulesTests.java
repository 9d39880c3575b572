package io.mtls.boot.core.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static io.mtls.boot.core.identity.IdentityTestPki.client;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Combining default authorities with those of matching rules.
 */
class AuthorityRulesTests {

	private final CertificateRule ops = rule(0, "OU=ops", "ROLE_OPS", "ROLE_USER");

	private final CertificateRule alice = rule(1, "CN=alice", "ROLE_ADMIN", "ROLE_OPS");

	private final CertificateRule dev = rule(2, "OU=dev", "ROLE_DEV");

	@Test
	void grantsDefaultsThenTheAuthoritiesOfEveryMatchingRuleOnce() {
		AuthorityRules rules = new AuthorityRules(List.of("ROLE_USER"), List.of(this.ops, this.alice, this.dev));

		assertThat(rules.authoritiesFor(client("CN=alice,OU=ops,O=Example"))).containsExactly("ROLE_USER", "ROLE_OPS",
				"ROLE_ADMIN");
		assertThat(rules.authoritiesFor(client("CN=bob,OU=dev,O=Example"))).containsExactly("ROLE_USER", "ROLE_DEV");
		assertThat(rules.authoritiesFor(client("CN=carol,OU=sales,O=Example"))).containsExactly("ROLE_USER");
	}

	@Test
	void withoutDefaultsAnUnmatchedClientGetsNothing() {
		AuthorityRules rules = new AuthorityRules(List.of(), List.of(this.ops));

		assertThat(rules.authoritiesFor(client("CN=carol,OU=sales,O=Example"))).isEmpty();
		assertThat(rules.defaultAuthorities()).isEmpty();
		assertThat(rules.rules()).containsExactly(this.ops);
	}

	private static CertificateRule rule(int index, String subject, String... authorities) {
		return CertificateRule.compile("mtls.authorization.rules[" + index + "]", Map.of("subject", subject),
				List.of(authorities));
	}

}
