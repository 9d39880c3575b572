package io.mtls.boot.core.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A client identity as rule criteria compare it: its names normalised and validated on
 * first use, once for all the rules it is matched against rather than once per rule. Not
 * thread-safe: each evaluation has its own.
 */
final class MatchableIdentity {

	private final ClientIdentity identity;

	private @Nullable List<String> hostNames;

	private @Nullable List<String> emailAddresses;

	private @Nullable List<byte[]> ipAddresses;

	MatchableIdentity(ClientIdentity identity) {
		this.identity = identity;
	}

	/**
	 * Returns the identity itself, for criteria that compare it as it is.
	 * @return the client identity
	 */
	ClientIdentity identity() {
		return this.identity;
	}

	/**
	 * Returns the DNS subject alternative names that are host names.
	 * @return the names as {@link DnsNamePattern#hostName(String)} returns them
	 */
	List<String> hostNames() {
		if (this.hostNames == null) {
			this.hostNames = normalized(this.identity.dnsNames(), DnsNamePattern::hostName);
		}
		return this.hostNames;
	}

	/**
	 * Returns the e-mail subject alternative names that have exactly one {@code @}.
	 * @return the addresses as {@link EmailPattern#address(String)} returns them
	 */
	List<String> emailAddresses() {
		if (this.emailAddresses == null) {
			this.emailAddresses = normalized(this.identity.emails(), EmailPattern::address);
		}
		return this.emailAddresses;
	}

	/**
	 * Returns the IP subject alternative names that are IP literals.
	 * @return the addresses as {@link IpAddressRange#parseAddress(String)} returns them
	 */
	List<byte[]> ipAddresses() {
		if (this.ipAddresses == null) {
			this.ipAddresses = normalized(this.identity.ipAddresses(), IpAddressRange::parseAddress);
		}
		return this.ipAddresses;
	}

	/**
	 * Normalises names, leaving out those the normaliser maps to {@code null} as they can
	 * match no pattern.
	 */
	private static <T> List<T> normalized(List<String> names, Function<String, T> normaliser) {
		List<T> normalized = new ArrayList<>(names.size());
		for (String name : names) {
			T value = normaliser.apply(name);
			if (value != null) {
				normalized.add(value);
			}
		}
		return normalized;
	}

}
