package io.mtls.boot.core.identity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or CIDR block matched against IP subject alternative names.
 * Addresses are parsed by the JDK as literals, never resolved, and a range only matches
 * addresses of its own family. The JDK reads an IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) as the IPv4 address, so such a SAN is matched as one, and
 * IPv4-mapped ranges are refused.
 */
public final class IpAddressRange {

	/** A decimal number of up to three digits without leading zeros. */
	private static final Pattern SHORT_DECIMAL = Pattern.compile("0|[1-9][0-9]{0,2}");

	/**
	 * Four decimal bytes without leading zeros, which some parsers read as octal; the JDK
	 * would also take BSD forms such as {@code 10.1} and look up what it cannot parse.
	 */
	private static final Pattern DOTTED_QUAD = Pattern.compile(
			"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");

	private static final int IPV4_BYTES = 4;

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
		if (network.length == IPV4_BYTES && address.indexOf(':') >= 0) {
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
	 * Parses an IP literal with the JDK, never resolving a name: only dotted-quad IPv4
	 * text is handed over bare, and anything else only in brackets, which the JDK parses
	 * as an IPv6 literal or refuses without a lookup.
	 * @return the 4 or 16 address bytes (an IPv4-mapped IPv6 literal gives the 4 IPv4
	 * bytes, as the JDK folds it), or {@code null} if the text is no literal
	 */
	static byte @Nullable [] parseAddress(String text) {
		String literal;
		if (DOTTED_QUAD.matcher(text).matches()) {
			literal = text;
		}
		else if (text.indexOf(':') >= 0 && text.indexOf('%') < 0 && text.indexOf('[') < 0) {
			// a zone id names a host's interface, which a certificate or rule cannot mean
			literal = "[" + text + "]";
		}
		else {
			return null;
		}
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
