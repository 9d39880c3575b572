package io.mtls.boot.core.identity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule granting authorities to client identities that match all of its criteria,
 * compiled and validated once from configuration.
 * <p>
 * Criteria, all of which must match:
 * <ul>
 * <li>{@code subject}, {@code issuer}: an RFC 4514 pattern; each of its RDNs must equal a
 * different RDN of the certificate's name, in any order. RDNs are equal when they have
 * the same attributes: types compared by canonical name ({@code cn}, {@code CN} and
 * {@code 2.5.4.3} are one type), values compared exactly after unescaping
 * (case-sensitive, code point by code point, without Unicode normalisation). In a pattern
 * value {@code *} always matches any run of characters, possibly empty; there is no
 * escape for a literal {@code *}. A single-valued pattern RDN such as {@code CN=b} never
 * matches a multi-valued RDN such as {@code OU=a+CN=b}. The certificate's name may have
 * further RDNs.</li>
 * <li>{@code san-dns}: a host name, or {@code *.} followed by one, compared
 * case-insensitively (ASCII only) with each DNS SAN; {@code *} stands for exactly one
 * left-most label. Wildcard DNS SANs in the certificate never match.</li>
 * <li>{@code san-uri}: an absolute URI with its scheme written out, where a whole path
 * segment {@code **} matches any number of whole segments, zero included (so
 * {@code https://example.org/users/**} matches {@code https://example.org/users} too),
 * and otherwise {@code *} matches any run of characters except {@code /}; a {@code **}
 * inside a segment is refused. A {@code spiffe://} pattern, whose trust domain must be
 * written out, is matched only against the validated SPIFFE ID, others against every URI
 * SAN.</li>
 * <li>{@code spiffe-id}: {@code spiffe://trust-domain/path} with the trust domain exact
 * and each path segment exact, {@code *} for exactly one segment, or {@code **} for any
 * number of segments, zero included ({@code spiffe://example.org/ns/ops/**} matches every
 * workload of namespace {@code ops}), matched against the validated SPIFFE ID; a
 * {@code *} or {@code **} inside a segment is refused.</li>
 * <li>{@code san-email}: {@code local@domain}, the local part exact and the domain
 * case-insensitive (ASCII only), {@code *} matching any run without {@code @}.</li>
 * <li>{@code san-ip}: an IPv4 or IPv6 address or CIDR block containing any IP SAN of the
 * same family; an IPv4-mapped IPv6 SAN counts as IPv4, as the JDK reports it so.</li>
 * <li>{@code fingerprint}: the certificate's SHA-256 fingerprint, 64 hex digits in any
 * case, optionally separated by colons.</li>
 * </ul>
 * The SAN criteria match when any SAN of their kind matches.
 */
public final class CertificateRule {

	private static final Map<String, Function<String, Predicate<MatchableIdentity>>> COMPILERS = compilers();

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	private final String name;

	private final Map<String, String> criteria;

	private final List<Predicate<MatchableIdentity>> predicates;

	private final List<String> authorities;

	private CertificateRule(String name, Map<String, String> criteria, List<Predicate<MatchableIdentity>> predicates,
			List<String> authorities) {
		this.name = name;
		this.criteria = criteria;
		this.predicates = predicates;
		this.authorities = authorities;
	}

	/**
	 * Compiles a rule from configuration.
	 * @param name the rule's property prefix, used in messages, such as
	 * {@code mtls.authorization.rules[2]}
	 * @param criteria the criteria by key: {@code subject}, {@code issuer},
	 * {@code san-dns}, {@code san-uri}, {@code san-email}, {@code san-ip},
	 * {@code spiffe-id} or {@code fingerprint}
	 * @param authorities the authorities granted on a match
	 * @return the compiled rule
	 * @throws InvalidRuleException naming the property at fault, for no criteria, an
	 * unknown key, an invalid pattern, no authorities or a blank authority
	 */
	public static CertificateRule compile(String name, Map<String, String> criteria, List<String> authorities) {
		return compiled(name, criteria, checkedAuthorities(name + ".authorities", authorities));
	}

	/**
	 * Compiles criteria that grant nothing, for matching a certificate against what it
	 * must show (such as a trusted proxy's own certificate).
	 * @param name the criteria's property prefix, used in messages
	 * @param criteria the criteria by key, as for {@link #compile(String, Map, List)}
	 * @return the compiled rule, with no authorities
	 * @throws InvalidRuleException naming the property at fault
	 */
	public static CertificateRule compileCriteria(String name, Map<String, String> criteria) {
		return compiled(name, criteria, List.<String>of());
	}

	private static CertificateRule compiled(String name, Map<String, String> criteria,
			List<String> checkedAuthorities) {
		if (criteria == null || criteria.isEmpty()) {
			throw new InvalidRuleException(name, "The rule " + name + " has no criteria and would match every client"
					+ " certificate: add at least one of " + String.join(", ", COMPILERS.keySet()));
		}
		List<Predicate<MatchableIdentity>> predicates = new ArrayList<>();
		criteria.forEach((key, value) -> predicates.add(compileCriterion(name + "." + key, key, value)));
		return new CertificateRule(name, Collections.unmodifiableMap(new LinkedHashMap<>(criteria)),
				List.copyOf(predicates), checkedAuthorities);
	}

	/**
	 * Returns whether a client identity matches every criterion of this rule.
	 * @param identity the client identity
	 * @return {@code true} if all criteria match
	 */
	public boolean matches(ClientIdentity identity) {
		return matches(new MatchableIdentity(identity));
	}

	/**
	 * Returns whether a client identity matches every criterion of this rule, sharing the
	 * identity's normalised names with other rules.
	 * @param candidate the client identity as criteria compare it
	 * @return {@code true} if all criteria match
	 */
	boolean matches(MatchableIdentity candidate) {
		for (Predicate<MatchableIdentity> predicate : this.predicates) {
			if (!predicate.test(candidate)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the authorities this rule grants.
	 * @return the authorities, such as {@code ROLE_ADMIN}
	 */
	public List<String> authorities() {
		return this.authorities;
	}

	/**
	 * Returns the name of this rule.
	 * @return the property prefix it was compiled with
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the criteria as configured.
	 * @return the criteria values by key
	 */
	public Map<String, String> criteria() {
		return this.criteria;
	}

	/**
	 * Returns the rule's name, criteria and authorities, for logs.
	 */
	@Override
	public String toString() {
		return this.name + this.criteria + " -> " + this.authorities;
	}

	private static Predicate<MatchableIdentity> compileCriterion(String property, String key, String value) {
		Function<String, Predicate<MatchableIdentity>> compiler = COMPILERS.get(key);
		if (compiler == null) {
			throw new InvalidRuleException(property, "Unknown criterion '" + key + "' at " + property + ": use one of "
					+ String.join(", ", COMPILERS.keySet()));
		}
		if (value == null || value.isBlank()) {
			throw new InvalidRuleException(property, property + " is empty: give it a value or remove it");
		}
		try {
			return compiler.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRuleException(property, "Invalid " + property + " '" + value + "': " + ex.getMessage());
		}
	}

	private static List<String> checkedAuthorities(String property, List<String> authorities) {
		if (authorities == null || authorities.isEmpty()) {
			throw new InvalidRuleException(property,
					property + " is empty: list the authorities the rule grants, such as ROLE_ADMIN");
		}
		for (int i = 0; i < authorities.size(); i++) {
			String authority = authorities.get(i);
			if (authority == null || authority.isBlank() || !authority.equals(authority.strip())) {
				String element = property + "[" + i + "]";
				throw new InvalidRuleException(element, element + " '" + authority
						+ "' is blank or has surrounding whitespace: name an authority such as ROLE_ADMIN");
			}
		}
		return List.copyOf(authorities);
	}

	private static Map<String, Function<String, Predicate<MatchableIdentity>>> compilers() {
		Map<String, Function<String, Predicate<MatchableIdentity>>> compilers = new LinkedHashMap<>();
		compilers.put("subject", (value) -> nameCriterion(value, ClientIdentity::subject));
		compilers.put("issuer", (value) -> nameCriterion(value, ClientIdentity::issuer));
		compilers.put("san-dns",
				(value) -> anyName(MatchableIdentity::hostNames, DnsNamePattern.compile(value)::matches));
		compilers.put("san-uri", CertificateRule::uriCriterion);
		compilers.put("san-email",
				(value) -> anyName(MatchableIdentity::emailAddresses, EmailPattern.compile(value)::matches));
		compilers.put("san-ip",
				(value) -> anyName(MatchableIdentity::ipAddresses, IpAddressRange.compile(value)::contains));
		compilers.put("spiffe-id", CertificateRule::spiffeIdCriterion);
		compilers.put("fingerprint", CertificateRule::fingerprintCriterion);
		return Collections.unmodifiableMap(compilers);
	}

	private static Predicate<MatchableIdentity> nameCriterion(String pattern,
			Function<ClientIdentity, DistinguishedName> name) {
		DistinguishedNamePattern compiled = DistinguishedNamePattern.compile(pattern);
		return (candidate) -> compiled.matches(name.apply(candidate.identity()));
	}

	private static <T> Predicate<MatchableIdentity> anyName(Function<MatchableIdentity, List<T>> names,
			Predicate<T> matches) {
		return (candidate) -> {
			for (T name : names.apply(candidate)) {
				if (matches.test(name)) {
					return true;
				}
			}
			return false;
		};
	}

	private static Predicate<MatchableIdentity> uriCriterion(String pattern) {
		UriPattern compiled = UriPattern.compile(pattern);
		return (candidate) -> compiled.matches(candidate.identity());
	}

	private static Predicate<MatchableIdentity> spiffeIdCriterion(String pattern) {
		SpiffeIdPattern compiled = SpiffeIdPattern.compile(pattern);
		return (candidate) -> {
			Optional<SpiffeId> spiffeId = candidate.identity().spiffeId();
			return spiffeId.isPresent() && compiled.matches(spiffeId.get());
		};
	}

	private static Predicate<MatchableIdentity> fingerprintCriterion(String fingerprint) {
		String hex = Ascii.toLowerCase(fingerprint.replace(":", ""));
		if (!SHA256_HEX.matcher(hex).matches()) {
			throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits, optionally separated by colons,"
					+ " as printed by openssl x509 -noout -fingerprint -sha256");
		}
		return (candidate) -> candidate.identity().sha256Fingerprint().equals(hex);
	}

}
