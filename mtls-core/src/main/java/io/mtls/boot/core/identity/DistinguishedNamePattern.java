package io.mtls.boot.core.identity;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

import io.mtls.boot.core.identity.DistinguishedName.Attribute;
import io.mtls.boot.core.identity.DistinguishedName.Rdn;

/**
 * An RFC 4514 pattern matched against a certificate's subject or issuer, RDN by RDN.
 * <p>
 * Each RDN of the pattern must equal a different RDN of the name, in any order: the same
 * number of attributes, the same canonical types, and values equal code point by code
 * point (case-sensitive, no Unicode normalisation), where {@code *} in a pattern value
 * matches any run of characters. A single-valued pattern RDN never matches a multi-valued
 * RDN. The name may have RDNs the pattern does not mention.
 */
final class DistinguishedNamePattern {

	private final List<Rdn> rdns;

	private DistinguishedNamePattern(List<Rdn> rdns) {
		this.rdns = rdns;
	}

	/**
	 * Compiles a pattern.
	 * @param pattern an RFC 4514 string such as {@code CN=*,OU=ops,O=Example}
	 * @return the compiled pattern
	 * @throws IllegalArgumentException if the pattern is malformed or empty
	 */
	static DistinguishedNamePattern compile(String pattern) {
		List<Rdn> rdns = DistinguishedName.parse(pattern).rdns();
		if (rdns.isEmpty()) {
			throw new IllegalArgumentException("the pattern is empty, write at least one attribute such as CN=alice");
		}
		return new DistinguishedNamePattern(rdns);
	}

	/**
	 * Returns whether a name matches this pattern.
	 * @param name the certificate's subject or issuer
	 * @return {@code true} if every pattern RDN equals a distinct RDN of the name
	 */
	boolean matches(DistinguishedName name) {
		return matchesDistinct(this.rdns, name.rdns(), DistinguishedNamePattern::rdnMatches);
	}

	private static boolean rdnMatches(Rdn pattern, Rdn candidate) {
		List<Attribute> patternAttributes = pattern.attributes();
		List<Attribute> candidateAttributes = candidate.attributes();
		if (patternAttributes.size() != candidateAttributes.size()) {
			return false;
		}
		// single-valued RDNs, nearly all of them, need no pairing
		return (patternAttributes.size() == 1) ? attributeMatches(patternAttributes.get(0), candidateAttributes.get(0))
				: matchesDistinct(patternAttributes, candidateAttributes, DistinguishedNamePattern::attributeMatches);
	}

	private static boolean attributeMatches(Attribute pattern, Attribute candidate) {
		return pattern.type().equals(candidate.type()) && Glob.matches(pattern.value(), candidate.value());
	}

	/**
	 * Returns whether every pattern can be paired with a different candidate it matches,
	 * found by augmenting paths so that wildcards cannot make the search exponential.
	 */
	private static <P, C> boolean matchesDistinct(List<P> patterns, List<C> candidates, BiPredicate<P, C> matches) {
		int candidateCount = candidates.size();
		// one flat row per pattern: a boolean[][] would be allocated through the VM
		// runtime
		boolean[] fits = new boolean[patterns.size() * candidateCount];
		for (int p = 0; p < patterns.size(); p++) {
			boolean fitsAny = false;
			for (int c = 0; c < candidateCount; c++) {
				fits[p * candidateCount + c] = matches.test(patterns.get(p), candidates.get(c));
				fitsAny |= fits[p * candidateCount + c];
			}
			if (!fitsAny) {
				// the usual miss: a pattern that fits nothing cannot be paired
				return false;
			}
		}
		int[] pairedPattern = new int[candidateCount];
		Arrays.fill(pairedPattern, -1);
		boolean[] visited = new boolean[candidateCount];
		for (int p = 0; p < patterns.size(); p++) {
			Arrays.fill(visited, false);
			if (!pair(p, fits, pairedPattern, visited)) {
				return false;
			}
		}
		return true;
	}

	private static boolean pair(int pattern, boolean[] fits, int[] pairedPattern, boolean[] visited) {
		int candidateCount = pairedPattern.length;
		for (int candidate = 0; candidate < candidateCount; candidate++) {
			if (fits[pattern * candidateCount + candidate] && !visited[candidate]) {
				visited[candidate] = true;
				if (pairedPattern[candidate] < 0 || pair(pairedPattern[candidate], fits, pairedPattern, visited)) {
					pairedPattern[candidate] = pattern;
					return true;
				}
			}
		}
		return false;
	}

}
