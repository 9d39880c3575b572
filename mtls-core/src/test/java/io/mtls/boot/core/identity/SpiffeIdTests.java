package io.mtls.boot.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict SPIFFE ID parsing.
 */
class SpiffeIdTests {

	@Test
	void parsesTrustDomainAndPath() {
		SpiffeId id = SpiffeId.parse("spiffe://example.org/ns/prod/sa/billing").orElseThrow();

		assertThat(id.trustDomain()).isEqualTo("example.org");
		assertThat(id.path()).isEqualTo("/ns/prod/sa/billing");
		assertThat(id).hasToString("spiffe://example.org/ns/prod/sa/billing");
	}

	@Test
	void pathIsOptional() {
		SpiffeId id = SpiffeId.parse("spiffe://example.org").orElseThrow();

		assertThat(id.trustDomain()).isEqualTo("example.org");
		assertThat(id.path()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "spiffe://my_domain-1.example/Upper.Case-and_under", "spiffe://a/b/c/d/e",
			"spiffe://example.org/...", "spiffe://example.org/.a" })
	void acceptsEveryAllowedCharacter(String uri) {
		assertThat(SpiffeId.parse(uri)).map(SpiffeId::toString).contains(uri);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "spiffe://Example.org/ns", "SPIFFE://example.org/ns", "Spiffe://example.org/ns",
			"https://example.org/ns", "spiffe:example.org/ns", "spiffe:/example.org/ns", "spiffe://", "spiffe:///ns",
			"spiffe://example.org:8443/ns", "spiffe://alice@example.org/ns", "spiffe://example.org/ns?x=1",
			"spiffe://example.org/ns#frag", "spiffe://example.org/ns/../admin", "spiffe://example.org/ns/./a",
			"spiffe://example.org/ns/", "spiffe://example.org/", "spiffe://example.org/ns//a",
			"spiffe://example.org/a%2Fb", "spiffe://ex%61mple.org/a", "spiffe://example.org/a b",
			"spiffe://example.org/a*b", "spiffe://example.org/caf\u00e9", "spiffe://[::1]/ns",
			"spiffe://example.org\\ns" })
	void rejectsInvalidIds(String uri) {
		assertThat(SpiffeId.parse(uri)).isEmpty();
	}

	@Test
	void limitsTheLengthTo2048AndTheTrustDomainTo255() {
		String prefix = "spiffe://example.org/";
		assertThat(SpiffeId.parse(prefix + "a".repeat(2048 - prefix.length()))).isPresent();
		assertThat(SpiffeId.parse(prefix + "a".repeat(2049 - prefix.length()))).isEmpty();
		assertThat(SpiffeId.parse("spiffe://" + "a".repeat(255))).isPresent();
		assertThat(SpiffeId.parse("spiffe://" + "a".repeat(256))).isEmpty();
	}

	@Test
	void equalIdsHaveEqualTrustDomainAndPath() {
		SpiffeId id = SpiffeId.parse("spiffe://example.org/a").orElseThrow();

		assertThat(id).isEqualTo(SpiffeId.parse("spiffe://example.org/a").orElseThrow())
			.hasSameHashCodeAs(SpiffeId.parse("spiffe://example.org/a").orElseThrow());
		assertThat(id).isNotEqualTo(SpiffeId.parse("spiffe://example.org/A").orElseThrow())
			.isNotEqualTo(SpiffeId.parse("spiffe://example.com/a").orElseThrow());
	}

}
