package io.mtls.boot.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or CIDR block matched against IP subject alternative names.
 * Addresses are parsed here, never resolved, and a range only matches addresses of its
 * own family. The JDK reports an IPv4-mapped IPv6 SAN ({@code ::ffff:10.1.2.3}) as the
 * IPv4 address, so it is matched as one, and IPv4-mapped ranges are refused.
 */
public final class IpAddressRange {

	private static final int IPV4_BYTES = 4;

	private static final int IPV6_GROUPS = 8;

	private static final byte[] IPV4_MAPPED_PREFIX = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff };

	/** A decimal number of up to three digits without leading zeros. */
	private static final Pattern SHORT_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,2}");

	private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

	private final byte[] network;

	private final int prefixLength;

	private IpAddressRange(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * Compiles an address or CIDR block.
	 * @param range such as {@code 10.1.2.3}, {@code 10.0.0.0/8} or {@code fd00::/8}
	 * @return the range
	 * @throws IllegalArgumentException if the address is not an IP literal or is
	 * IPv4-mapped, the prefix length is out of range, or the address has bits set beyond
	 * the prefix
	 */
	public static IpAddressRange compile(String range) {
		int slash = range.indexOf('/');
		String address = (slash < 0) ? range : range.substring(0, slash);
		byte[] network = parseAddress(address);
		if (network == null) {
			throw new IllegalArgumentException("'" + address + "' is not an IPv4 or IPv6 address literal,"
					+ " write one such as 10.0.0.0/8 or fd00::/8 (host names are not resolved)");
		}
		if (network.length > IPV4_BYTES && Arrays.equals(network, 0, IPV4_MAPPED_PREFIX.length, IPV4_MAPPED_PREFIX, 0,
				IPV4_MAPPED_PREFIX.length)) {
			throw new IllegalArgumentException("IPv4-mapped IPv6 addresses are matched as IPv4 addresses,"
					+ " write the IPv4 form such as 10.0.0.0/8");
		}
		int bits = network.length * Byte.SIZE;
		int prefixLength = (slash < 0) ? bits : parsePrefixLength(range.substring(slash + 1), bits);
		IpAddressRange compiled = new IpAddressRange(network, prefixLength);
		if (compiled.hasHostBits()) {
			// 10.1.2.3/8 is more likely a typo than a way of writing 10.0.0.0/8
			throw new IllegalArgumentException("the address has bits set beyond the /" + prefixLength
					+ " prefix, write the network address of the block instead");
		}
		return compiled;
	}

	/**
	 * Returns whether an address lies in this range.
	 * @param address the bytes of an IP subject alternative name, as
	 * {@link #parseAddress(String)} returns them
	 * @return {@code true} if the address is of the same family and inside the range
	 */
	public boolean contains(byte[] address) {
		return address.length == this.network.length && sharesPrefix(address);
	}

	private boolean sharesPrefix(byte[] candidate) {
		for (int bit = 0; bit < this.prefixLength; bit++) {
			if (bitAt(candidate, bit) != bitAt(this.network, bit)) {
				return false;
			}
		}
		return true;
	}

	private boolean hasHostBits() {
		for (int bit = this.prefixLength; bit < this.network.length * Byte.SIZE; bit++) {
			if (bitAt(this.network, bit)) {
				return true;
			}
		}
		return false;
	}

	private static boolean bitAt(byte[] address, int bit) {
		return (address[bit / Byte.SIZE] & (0x80 >>> (bit % Byte.SIZE))) != 0;
	}

	private static int parsePrefixLength(String text, int bits) {
		if (!SHORT_DECIMAL.matcher(text).matches() || Integer.parseInt(text) > bits) {
			throw new IllegalArgumentException(
					"the prefix length '" + text + "' must be a number from 0 to " + bits + " after '/'");
		}
		return Integer.parseInt(text);
	}

	/**
	 * Parses an IP literal without any lookup.
	 * @return the 4 or 16 address bytes, or {@code null} if the text is no literal
	 */
	static byte @Nullable [] parseAddress(String text) {
		return (text.indexOf(':') >= 0) ? parseIpv6(text) : parseIpv4(text);
	}

	private static byte @Nullable [] parseIpv4(String text) {
		String[] parts = text.split("\\.", -1);
		if (parts.length != IPV4_BYTES) {
			return null;
		}
		byte[] address = new byte[IPV4_BYTES];
		for (int i = 0; i < IPV4_BYTES; i++) {
			// leading zeros are refused because some parsers read them as octal
			if (!SHORT_DECIMAL.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
				return null;
			}
			address[i] = (byte) Integer.parseInt(parts[i]);
		}
		return address;
	}

	private static byte @Nullable [] parseIpv6(String text) {
		int gap = text.indexOf("::");
		if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
			return null;
		}
		List<Integer> head = groups((gap < 0) ? text : text.substring(0, gap), gap < 0);
		List<Integer> tail = (gap < 0) ? List.of() : groups(text.substring(gap + 2), true);
		if (head == null || tail == null) {
			return null;
		}
		int explicitGroups = head.size() + tail.size();
		if ((gap < 0) ? explicitGroups != IPV6_GROUPS : explicitGroups >= IPV6_GROUPS) {
			return null;
		}
		byte[] address = new byte[IPV6_GROUPS * 2];
		for (int i = 0; i < head.size(); i++) {
			setGroup(address, i, head.get(i));
		}
		for (int i = 0; i < tail.size(); i++) {
			setGroup(address, IPV6_GROUPS - tail.size() + i, tail.get(i));
		}
		return address;
	}

	/**
	 * Parses colon-separated hex groups, the last of which may be a dotted IPv4 address
	 * standing for two groups.
	 * @return the 16-bit groups, or {@code null} if malformed
	 */
	private static @Nullable List<Integer> groups(String text, boolean mayEndWithIpv4) {
		List<Integer> groups = new ArrayList<>();
		if (text.isEmpty()) {
			return groups;
		}
		String[] parts = text.split(":", -1);
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (mayEndWithIpv4 && i == parts.length - 1 && part.indexOf('.') >= 0) {
				byte[] ipv4 = parseIpv4(part);
				if (ipv4 == null) {
					return null;
				}
				groups.add(((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff));
				groups.add(((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff));
			}
			else if (HEX_GROUP.matcher(part).matches()) {
				groups.add(Integer.parseInt(part, 16));
			}
			else {
				return null;
			}
		}
		return groups;
	}

	private static void setGroup(byte[] address, int group, int value) {
		address[group * 2] = (byte) (value >>> 8);
		address[group * 2 + 1] = (byte) value;
	}

}
