package io.mtls.boot.core.identity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mtls.boot.core.identity.IdentityTestPki.INTERMEDIATE;
import static io.mtls.boot.core.identity.IdentityTestPki.ROOT;
import static io.mtls.boot.core.identity.IdentityTestPki.client;
import static io.mtls.boot.core.identity.IdentityTestPki.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What each criterion of a certificate rule grants, what it must not grant, and how
 * invalid rules are reported.
 */
class CertificateRuleTests {

	private static final String RULE = "mtls.authorization.rules[2]";

	private static final String CRITERIA_KEYS = "subject, issuer, san-dns, san-uri, san-email, san-ip, spiffe-id,"
			+ " fingerprint";

	@Nested
	class Subject {

		@Test
		void exactPatternMatchesOnlyThatSubject() {
			CertificateRule rule = rule("subject", "CN=alice,OU=ops,O=Example");

			assertThat(rule.matches(client("CN=alice,OU=ops,O=Example"))).isTrue();
			assertThat(rule.matches(client("CN=alice,OU=dev,O=Example"))).isFalse();
			assertThat(rule.matches(client("CN=Alice,OU=ops,O=Example"))).isFalse();
			assertThat(rule.matches(client("CN=alice,OU=ops,O=example"))).isFalse();
			assertThat(rule.matches(client("CN=alice2,OU=ops,O=Example"))).isFalse();
			assertThat(rule.matches(client("CN=alice,OU=ops"))).isFalse();
		}

		@Test
		void rdnOrderDoesNotMatterAndFurtherRdnsAreAllowed() {
			ClientIdentity alice = client("CN=alice,OU=ops,O=Example");

			assertThat(rule("subject", "O=Example,CN=alice").matches(alice)).isTrue();
			assertThat(rule("subject", "OU=ops").matches(alice)).isTrue();
		}

		@Test
		void attributeTypesMatchInAnyCaseAndAsOids() {
			ClientIdentity alice = client("CN=alice,O=Example");

			assertThat(rule("subject", "cn=alice,o=Example").matches(alice)).isTrue();
			assertThat(rule("subject", "2.5.4.3=alice,OID.2.5.4.10=Example").matches(alice)).isTrue();
			assertThat(rule("subject", "cn=alice,o=example").matches(alice)).isFalse();
		}

		@Test
		void wildcardMatchesAnyRunWithinOneValue() {
			CertificateRule rule = rule("subject", "CN=svc-*,O=Example");

			assertThat(rule.matches(client("CN=svc-billing,O=Example"))).isTrue();
			assertThat(rule.matches(client("CN=svc-,O=Example"))).isTrue();
			assertThat(rule.matches(client("CN=app-svc-billing,O=Example"))).isFalse();
			assertThat(rule.matches(client("CN=svc-billing,O=Example Corp"))).isFalse();
		}

		@Test
		void unicodeLookAlikeDoesNotMatch() {
			ClientIdentity cyrillic = client("CN=\u0430lice,O=Example");

			assertThat(rule("subject", "CN=alice,O=Example").matches(cyrillic)).isFalse();
			assertThat(rule("subject", "CN=\u0430lice,O=Example").matches(cyrillic)).isTrue();
		}

		@Test
		void unicodeIsNotNormalised() {
			assertThat(rule("subject", "CN=caf\u00e9").matches(client("CN=cafe\u0301"))).isFalse();
		}

		@Test
		void escapedCommaInTheCommonNameDoesNotForgeAnOu() {
			ClientIdentity forged = client("CN=alice\\,OU=admin,O=Example");

			assertThat(rule("subject", "OU=admin").matches(forged)).isFalse();
			assertThat(rule("subject", "OU=admin,O=Example").matches(forged)).isFalse();
			assertThat(rule("subject", "CN=alice,OU=admin,O=Example").matches(forged)).isFalse();
			assertThat(rule("subject", "CN=alice").matches(forged)).isFalse();
			assertThat(rule("subject", "CN=alice\\,OU=admin,O=Example").matches(forged)).isTrue();
		}

		@Test
		void singleValuedPatternRdnDoesNotMatchAMultiValuedRdn() {
			ClientIdentity multiValued = client("OU=a+CN=b,O=Example");

			assertThat(rule("subject", "CN=b").matches(multiValued)).isFalse();
			assertThat(rule("subject", "CN=b,O=Example").matches(multiValued)).isFalse();
			assertThat(rule("subject", "OU=a").matches(multiValued)).isFalse();
			assertThat(rule("subject", "OU=a+CN=b+L=x").matches(multiValued)).isFalse();
			assertThat(rule("subject", "OU=a+CN=b,O=Example").matches(multiValued)).isTrue();
			assertThat(rule("subject", "CN=b+OU=a").matches(multiValued)).isTrue();
			assertThat(rule("subject", "OU=a+CN=*").matches(multiValued)).isTrue();
		}

		@Test
		void multiValuedPatternRdnDoesNotMatchSeparateRdns() {
			assertThat(rule("subject", "OU=a+CN=b").matches(client("CN=b,OU=a,O=Example"))).isFalse();
		}

		@Test
		void eachPatternRdnNeedsAnRdnOfItsOwn() {
			CertificateRule twoUnits = rule("subject", "OU=*,OU=*");

			assertThat(twoUnits.matches(client("CN=a,OU=ops,O=Example"))).isFalse();
			assertThat(twoUnits.matches(client("CN=a,OU=ops,OU=eu,O=Example"))).isTrue();
		}

	}

	@Nested
	class Issuer {

		@Test
		void matchesTheIssuingCaNotTheSubject() {
			ClientIdentity viaIntermediate = identity(INTERMEDIATE.client("CN=alice,O=Example"));
			ClientIdentity viaRoot = client("CN=alice,O=Example");

			CertificateRule intermediate = rule("issuer", "CN=Identity Intermediate,O=Example");
			assertThat(intermediate.matches(viaIntermediate)).isTrue();
			assertThat(intermediate.matches(viaRoot)).isFalse();
			assertThat(rule("issuer", "CN=Identity Root").matches(viaRoot)).isTrue();
			assertThat(rule("issuer", "CN=Identity Root").matches(viaIntermediate)).isFalse();
			assertThat(rule("issuer", "CN=alice").matches(viaIntermediate)).isFalse();
		}

	}

	@Nested
	class SanDns {

		@Test
		void exactNameMatchesCaseInsensitively() {
			CertificateRule rule = rule("san-dns", "API.example.org");

			assertThat(rule.matches(dns("api.Example.ORG"))).isTrue();
			assertThat(rule.matches(dns("other.example.org", "api.example.org"))).isTrue();
			assertThat(rule.matches(dns("api.example.org.evil.com"))).isFalse();
			assertThat(rule.matches(dns("xapi.example.org"))).isFalse();
			assertThat(rule.matches(dns("example.org"))).isFalse();
			assertThat(rule.matches(client("CN=api.example.org"))).isFalse();
		}

		@Test
		void wildcardStandsForExactlyOneLabel() {
			CertificateRule rule = rule("san-dns", "*.ops.example.org");

			assertThat(rule.matches(dns("a.ops.example.org"))).isTrue();
			assertThat(rule.matches(dns("A-1.OPS.example.org"))).isTrue();
			assertThat(rule.matches(dns("a.b.ops.example.org"))).isFalse();
			assertThat(rule.matches(dns("ops.example.org"))).isFalse();
			assertThat(rule.matches(dns("aops.example.org"))).isFalse();
			assertThat(rule.matches(dns("a.ops.example.org.evil.com"))).isFalse();
		}

		@Test
		void wildcardNameInTheCertificateNeverMatches() {
			ClientIdentity wildcard = dns("*.ops.example.org");

			assertThat(rule("san-dns", "*.ops.example.org").matches(wildcard)).isFalse();
			assertThat(rule("san-dns", "a.ops.example.org").matches(wildcard)).isFalse();
		}

		private ClientIdentity dns(String... names) {
			return identity(ROOT.client("CN=dns").dns(names));
		}

	}

	@Nested
	class SanUri {

		@Test
		void exactUriMatchesCaseSensitively() {
			CertificateRule rule = rule("san-uri", "https://example.org/clients/alice");

			assertThat(rule.matches(uri("urn:example:x", "https://example.org/clients/alice"))).isTrue();
			assertThat(rule.matches(uri("https://example.org/clients/Alice"))).isFalse();
			assertThat(rule.matches(uri("https://example.org/clients/alice2"))).isFalse();
		}

		@Test
		void wildcardDoesNotCrossSlash() {
			CertificateRule rule = rule("san-uri", "https://example.org/clients/*");

			assertThat(rule.matches(uri("https://example.org/clients/alice"))).isTrue();
			assertThat(rule.matches(uri("https://example.org/clients/alice/admin"))).isFalse();
			assertThat(rule.matches(uri("https://example.org/clientsX/alice"))).isFalse();
			assertThat(rule.matches(uri("https://example.org/other/clients/alice"))).isFalse();
		}

		@Test
		void wildcardMatchesWithinOpaqueUris() {
			CertificateRule rule = rule("san-uri", "urn:example:client:*");

			assertThat(rule.matches(uri("urn:example:client:42"))).isTrue();
			assertThat(rule.matches(uri("urn:example:server:42"))).isFalse();
		}

		@Test
		void spiffePatternMatchesTheValidatedSpiffeId() {
			CertificateRule rule = rule("san-uri", "spiffe://example.org/ns/*/sa/billing");

			assertThat(rule.matches(uri("spiffe://example.org/ns/prod/sa/billing"))).isTrue();
			assertThat(rule.matches(uri("spiffe://example.org/ns/prod/eu/sa/billing"))).isFalse();
			assertThat(rule.matches(uri("spiffe://example.org/ns/prod/sa/admin"))).isFalse();
		}

		@Test
		void doubleStarStandsForAnyNumberOfSegments() {
			CertificateRule rule = rule("san-uri", "spiffe://example.org/ns/ops/**");

			assertThat(rule.matches(uri("spiffe://example.org/ns/ops/sa/billing"))).isTrue();
			assertThat(rule.matches(uri("spiffe://example.org/ns/ops"))).isTrue();
			assertThat(rule.matches(uri("spiffe://example.org/ns/dev/sa/billing"))).isFalse();
			assertThat(
					rule("san-uri", "https://example.org/clients/**").matches(uri("https://example.org/clients/a/b")))
				.isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "spiffe://example.org/ns/a%2Fb", "spiffe://example.org/ns/..",
				"spiffe://example.org/ns/a?b", "spiffe://example.org/ns/a#b" })
		void spiffePatternNeverMatchesAnInvalidSpiffeUri(String invalid) {
			ClientIdentity identity = uri(invalid);

			assertThat(Glob.matches("spiffe://example.org/ns/*", invalid, '/')).as("the glob alone").isTrue();
			assertThat(rule("san-uri", "spiffe://example.org/ns/*").matches(identity)).isFalse();
		}

		private ClientIdentity uri(String... uris) {
			return identity(ROOT.client("CN=uri").uri(uris));
		}

	}

	@Nested
	class SpiffeIdCriterion {

		@Test
		void trustDomainIsExactAndStarStandsForOneSegment() {
			CertificateRule rule = rule("spiffe-id", "spiffe://example.org/ns/*/sa/billing");

			assertThat(rule.matches(spiffe("spiffe://example.org/ns/prod/sa/billing"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/dev/sa/billing"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/prod/sa/billing2"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/prod/eu/sa/billing"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/sa/billing"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.com/ns/prod/sa/billing"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://evil.example.org/ns/prod/sa/billing"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org.evil/ns/prod/sa/billing"))).isFalse();
		}

		@Test
		void doubleStarStandsForAnyNumberOfSegments() {
			CertificateRule rule = rule("spiffe-id", "spiffe://example.org/ns/ops/**");

			assertThat(rule.matches(spiffe("spiffe://example.org/ns/ops/sa/billing"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/ops/sa/api"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/ops"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/ns/dev/sa/api"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org.evil/ns/ops/sa/api"))).isFalse();
		}

		@Test
		void exactIdMatchesOnlyItself() {
			CertificateRule rule = rule("spiffe-id", "spiffe://example.org/billing");

			assertThat(rule.matches(spiffe("spiffe://example.org/billing"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/Billing"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org/billing/x"))).isFalse();
			assertThat(rule.matches(spiffe("spiffe://example.org"))).isFalse();
		}

		@Test
		void trustDomainIdMatchesOnlyTheTrustDomain() {
			CertificateRule rule = rule("spiffe-id", "spiffe://example.org");

			assertThat(rule.matches(spiffe("spiffe://example.org"))).isTrue();
			assertThat(rule.matches(spiffe("spiffe://example.org/a"))).isFalse();
		}

		@ParameterizedTest
		@ValueSource(strings = { "spiffe://example.org/ns/a%2Fb", "spiffe://example.org/ns/..",
				"spiffe://example.org/ns/a:b" })
		void invalidSpiffeUriNeverMatches(String invalid) {
			assertThat(rule("spiffe-id", "spiffe://example.org/ns/*").matches(spiffe(invalid))).isFalse();
		}

		@Test
		void otherUrisAreNoSpiffeId() {
			assertThat(rule("spiffe-id", "spiffe://example.org/ns/*").matches(spiffe("https://example.org/ns/a")))
				.isFalse();
		}

		private ClientIdentity spiffe(String uri) {
			return identity(ROOT.client("CN=workload").uri(uri));
		}

	}

	@Nested
	class SanEmail {

		@Test
		void localPartIsExactAndDomainIsCaseInsensitive() {
			CertificateRule rule = rule("san-email", "alice@example.org");

			assertThat(rule.matches(email("alice@EXAMPLE.org"))).isTrue();
			assertThat(rule.matches(email("bob@example.org", "alice@example.org"))).isTrue();
			assertThat(rule.matches(email("Alice@example.org"))).isFalse();
			assertThat(rule.matches(email("alice@example.org.evil"))).isFalse();
			assertThat(rule.matches(email("alice@sub.example.org"))).isFalse();
			assertThat(rule.matches(client("CN=alice,EMAILADDRESS=alice@example.org"))).isFalse();
		}

		@Test
		void wildcardStaysWithinItsPart() {
			CertificateRule anyLocal = rule("san-email", "*@example.org");
			CertificateRule anySubdomain = rule("san-email", "alice@*.example.org");

			assertThat(anyLocal.matches(email("bob@example.org"))).isTrue();
			assertThat(anyLocal.matches(email("bob@sub.example.org"))).isFalse();
			assertThat(anyLocal.matches(email("bob@evil.org"))).isFalse();
			assertThat(anySubdomain.matches(email("alice@eu.example.org"))).isTrue();
			assertThat(anySubdomain.matches(email("alice@example.org"))).isFalse();
			assertThat(anySubdomain.matches(email("bob@eu.example.org"))).isFalse();
		}

		private ClientIdentity email(String... addresses) {
			return identity(ROOT.client("CN=mail").email(addresses));
		}

	}

	@Nested
	class SanIp {

		@Test
		void ipv4BlockContainsOnlyIpv4AddressesInside() {
			CertificateRule rule = rule("san-ip", "10.0.0.0/8");

			assertThat(rule.matches(ip("10.200.3.4"))).isTrue();
			assertThat(rule.matches(ip("192.0.2.1", "10.0.0.1"))).isTrue();
			assertThat(rule.matches(ip("11.0.0.1"))).isFalse();
			assertThat(rule.matches(ip("9.255.255.255"))).isFalse();
			assertThat(rule.matches(ip("::a01:203"))).isFalse();
		}

		@Test
		void ipv4MappedAddressIsTheIpv4AddressTheJdkReports() {
			ClientIdentity mapped = ip("::ffff:10.1.2.3");

			assertThat(mapped.ipAddresses()).containsExactly("10.1.2.3");
			assertThat(rule("san-ip", "10.0.0.0/8").matches(mapped)).isTrue();
			assertThat(rule("san-ip", "::/0").matches(mapped)).isFalse();
		}

		@Test
		void singleAddressMatchesOnlyItself() {
			CertificateRule rule = rule("san-ip", "10.1.2.3");

			assertThat(rule.matches(ip("10.1.2.3"))).isTrue();
			assertThat(rule.matches(ip("10.1.2.4"))).isFalse();
			assertThat(rule.matches(client("CN=10.1.2.3"))).isFalse();
		}

		@Test
		void ipv6BlockContainsOnlyIpv6AddressesInside() {
			CertificateRule rule = rule("san-ip", "fd00::/8");

			assertThat(rule.matches(ip("fd12:3456::1"))).isTrue();
			assertThat(rule.matches(ip("fe80::1"))).isFalse();
			assertThat(rule.matches(ip("10.0.0.1"))).isFalse();
		}

		@Test
		void ipv6AddressMatchesInAnyNotation() {
			assertThat(rule("san-ip", "2001:db8::42").matches(ip("2001:0db8:0:0:0:0:0:42"))).isTrue();
			assertThat(rule("san-ip", "2001:DB8:0:0::42/128").matches(ip("2001:db8::42"))).isTrue();
			assertThat(rule("san-ip", "2001:db8::42").matches(ip("2001:db8::43"))).isFalse();
		}

		@Test
		void zeroPrefixMatchesEveryAddressOfItsFamily() {
			CertificateRule rule = rule("san-ip", "0.0.0.0/0");

			assertThat(rule.matches(ip("203.0.113.9"))).isTrue();
			assertThat(rule.matches(ip("::1"))).isFalse();
		}

		private ClientIdentity ip(String... addresses) {
			return identity(ROOT.client("CN=ip").ip(addresses));
		}

	}

	@Nested
	class Fingerprint {

		@Test
		void matchesOnlyThatCertificateInAnyNotation() {
			IssuedCertificate issued = ROOT.client("CN=alice").issue();
			String colonSeparated = String.join(":", issued.sha256Fingerprint().toUpperCase().split("(?<=\\G..)"));
			CertificateRule rule = rule("fingerprint", colonSeparated);

			assertThat(rule.matches(ClientIdentity.of(issued.chain()))).isTrue();
			assertThat(rule.matches(client("CN=alice"))).isFalse();
			assertThat(rule("fingerprint", issued.sha256Fingerprint()).matches(ClientIdentity.of(issued.chain())))
				.isTrue();
		}

	}

	@Test
	void everyCriterionMustMatch() {
		CertificateRule rule = CertificateRule.compile(RULE,
				Map.of("subject", "O=Example", "san-dns", "api.example.org"), List.of("ROLE_API"));

		assertThat(rule.matches(identity(ROOT.client("CN=api,O=Example").dns("api.example.org")))).isTrue();
		assertThat(rule.matches(identity(ROOT.client("CN=api,O=Other").dns("api.example.org")))).isFalse();
		assertThat(rule.matches(identity(ROOT.client("CN=api,O=Example").dns("web.example.org")))).isFalse();
	}

	@Test
	void keepsNameCriteriaAndAuthorities() {
		CertificateRule rule = CertificateRule.compile(RULE, Map.of("san-dns", "api.example.org"),
				List.of("ROLE_API", "SCOPE_read"));

		assertThat(rule.name()).isEqualTo(RULE);
		assertThat(rule.criteria()).containsExactly(Map.entry("san-dns", "api.example.org"));
		assertThat(rule.authorities()).containsExactly("ROLE_API", "SCOPE_read");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			subject     | CN=a,,O=b                      | empty RDN
			subject     | CN=a\\q                        | bad escape
			subject     | CN=a;O=b                       | ';' must be escaped
			issuer      | CN                             | missing '='
			san-dns     | *.*.example.org                | whole left-most label
			san-dns     | a*.example.org                 | whole left-most label
			san-dns     | *                              | whole left-most label
			san-dns     | example..org                   | not a valid host name
			san-dns     | -a.example.org                 | not a valid host name
			san-dns     | example.org.                   | not a valid host name
			san-dns     | exa_mple.org                   | not a valid host name
			san-uri     | example.org/clients            | not an absolute URI
			san-uri     | *://example.org/a              | scheme '*' must be written out
			san-uri     | spiffe://Example.org/*         | not a valid SPIFFE ID
			san-uri     | SPIFFE://example.org/*         | not a valid SPIFFE ID
			san-uri     | spiffe://example.org/ns/       | not a valid SPIFFE ID
			san-uri     | spiffe://*.example.org/a       | trust domain must be written out
			san-uri     | https://exa mple.org/          | not a valid URI
			spiffe-id   | spiffe://example.org/ns/prod-* | whole path segment
			spiffe-id   | spiffe://example.org/ns/a**b   | '**' must be a whole path segment
			spiffe-id   | spiffe://example.org/sa/**x    | '**' must be a whole path segment
			san-uri     | spiffe://example.org/sa/**x    | '**' must be a whole path segment
			san-uri     | https://example.org/a**b       | '**' must be a whole path segment
			spiffe-id   | spiffe://example.org/ns/       | not a valid SPIFFE ID
			spiffe-id   | spiffe://example.org/a%2Fb     | not a valid SPIFFE ID
			spiffe-id   | https://example.org/ns         | not a valid SPIFFE ID
			spiffe-id   | spiffe://*/ns                  | trust domain must be written out
			san-email   | example.org                    | exactly one '@'
			san-email   | a@b@example.org                | exactly one '@'
			san-email   | @example.org                   | exactly one '@'
			san-email   | alice@                         | exactly one '@'
			san-ip      | 10.0.0.0/33                    | from 0 to 32
			san-ip      | 10.0.0.0/                      | from 0 to 32
			san-ip      | fd00::/129                     | from 0 to 128
			san-ip      | 10.1.2.3/8                     | bits set beyond the /8 prefix
			san-ip      | localhost                      | not an IPv4 or IPv6 address literal
			san-ip      | 010.0.0.1                      | not an IPv4 or IPv6 address literal
			san-ip      | 1::2::3                        | not an IPv4 or IPv6 address literal
			san-ip      | fe80::1%eth0                   | not an IPv4 or IPv6 address literal
			san-ip      | ::ffff:10.0.0.0/104            | write the IPv4 form
			fingerprint | ab:cd                          | 64 hex digits
			""")
	void rejectsInvalidCriteriaNamingTheProperty(String key, String value, String problem) {
		assertThatExceptionOfType(InvalidRuleException.class)
			.isThrownBy(() -> CertificateRule.compile(RULE, Map.of(key, value), List.of("ROLE_X")))
			.withMessageStartingWith("Invalid " + RULE + "." + key + " '" + value + "': ")
			.withMessageContaining(problem)
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + "." + key));
	}

	@Test
	void rejectsFingerprintWithNonHexDigits() {
		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> rule("fingerprint", "g".repeat(64)))
			.withMessageContaining("64 hex digits")
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + ".fingerprint"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "san-dn", "Subject", "cn", "dns" })
	void rejectsUnknownCriteriaListingTheValidOnes(String key) {
		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> rule(key, "x"))
			.withMessageContaining("Unknown criterion '" + key + "'")
			.withMessageContaining(CRITERIA_KEYS)
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + "." + key));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "  " })
	void rejectsBlankCriteria(String value) {
		assertThatExceptionOfType(InvalidRuleException.class).isThrownBy(() -> rule("subject", value))
			.withMessageContaining("is empty")
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + ".subject"));
	}

	@Test
	void rejectsMissingCriterionValue() {
		Map<String, String> criteria = new HashMap<>();
		criteria.put("san-dns", null);

		assertThatExceptionOfType(InvalidRuleException.class)
			.isThrownBy(() -> CertificateRule.compile(RULE, criteria, List.of("ROLE_X")))
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + ".san-dns"));
	}

	@Test
	void rejectsRuleWithoutCriteria() {
		for (Map<String, String> criteria : Arrays.asList(Map.<String, String>of(), null)) {
			assertThatExceptionOfType(InvalidRuleException.class)
				.isThrownBy(() -> CertificateRule.compile(RULE, criteria, List.of("ROLE_X")))
				.withMessageContaining("no criteria")
				.withMessageContaining(CRITERIA_KEYS)
				.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE));
		}
	}

	@Test
	void rejectsRuleWithoutAuthorities() {
		for (List<String> authorities : Arrays.asList(List.<String>of(), null)) {
			assertThatExceptionOfType(InvalidRuleException.class)
				.isThrownBy(() -> CertificateRule.compile(RULE, Map.of("subject", "CN=a"), authorities))
				.withMessageContaining("list the authorities")
				.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + ".authorities"));
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "null", textBlock = """
			ROLE_A | ``       | 1
			ROLE_A | `  `     | 1
			ROLE_A | null     | 1
			` ROLE_B` | ROLE_A | 0
			""")
	void rejectsBlankOrPaddedAuthoritiesNamingTheirIndex(String first, String second, int index) {
		List<String> authorities = Arrays.asList(first, second);

		assertThatExceptionOfType(InvalidRuleException.class)
			.isThrownBy(() -> CertificateRule.compile(RULE, Map.of("subject", "CN=a"), authorities))
			.withMessageContaining("name an authority")
			.satisfies((ex) -> assertThat(ex.property()).isEqualTo(RULE + ".authorities[" + index + "]"));
	}

	private static CertificateRule rule(String key, String value) {
		return CertificateRule.compile(RULE, Map.of(key, value), List.of("ROLE_MATCHED"));
	}

}
