package io.mtls.boot.core.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.identity.IpAddressRange;
import org.jspecify.annotations.Nullable;

/**
 * Which peers may forward a client certificate: those whose address lies in a trusted
 * range and, when hop rules are given, whose own verified TLS client certificate matches
 * one of them.
 */
public final class TrustedProxies {

	private final List<IpAddressRange> addresses;

	private final List<CertificateRule> hops;

	private TrustedProxies(List<IpAddressRange> addresses, List<CertificateRule> hops) {
		this.addresses = addresses;
		this.hops = hops;
	}

	/**
	 * Compiles the trusted addresses and hop rules.
	 * @param property the property naming the addresses, used in messages
	 * @param addresses addresses or CIDR blocks; at least one
	 * @param hops criteria a proxy's own certificate must match; empty for none
	 * @return the trusted proxies
	 * @throws IllegalArgumentException naming the property and the entry at fault
	 */
	public static TrustedProxies compile(String property, List<String> addresses, List<CertificateRule> hops) {
		if (addresses.isEmpty()) {
			throw new IllegalArgumentException(
					"'" + property + "' is empty: without trusted addresses anyone could " + "forward a certificate");
		}
		List<IpAddressRange> ranges = new ArrayList<>();
		for (int i = 0; i < addresses.size(); i++) {
			try {
				ranges.add(IpAddressRange.compile(addresses.get(i).trim()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("'" + property + "[" + i + "]': " + ex.getMessage(), ex);
			}
		}
		return new TrustedProxies(List.copyOf(ranges), List.copyOf(hops));
	}

	/**
	 * Returns whether a peer may forward a certificate.
	 * @param remoteAddress the peer's IP address literal, as the servlet container gives
	 * it
	 * @param hopChain the peer's own verified client chain, or {@code null} when it sent
	 * none
	 * @return {@code true} if the address is trusted and the hop rules, if any, match
	 */
	public boolean trusts(String remoteAddress, X509Certificate @Nullable [] hopChain) {
		byte[] address = literal(remoteAddress);
		if (address == null || this.addresses.stream().noneMatch((range) -> range.contains(address))) {
			return false;
		}
		if (this.hops.isEmpty()) {
			return true;
		}
		if (hopChain == null || hopChain.length == 0) {
			return false;
		}
		ClientIdentity hop = ClientIdentity.of(List.of(hopChain));
		return this.hops.stream().anyMatch((rule) -> rule.matches(hop));
	}

	private static byte @Nullable [] literal(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isEmpty()
				|| Character.isLetter(remoteAddress.charAt(0)) && remoteAddress.indexOf(':') < 0) {
			// a host name: never resolved, never trusted
			return null;
		}
		try {
			return InetAddress.getByName(remoteAddress).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
