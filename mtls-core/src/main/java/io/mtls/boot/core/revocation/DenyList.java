package io.mtls.boot.core.revocation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * An instant kill switch that needs no CA: certificates listed by serial number
 * ({@code serial:4f1c...}) or by SHA-256 fingerprint ({@code sha256:ab12...}) are refused
 * with reason {@code denied}. Hex digits may be in any case, with or without colons, as
 * {@code openssl x509 -serial} / {@code -fingerprint -sha256} and {@code sha256sum} print
 * them; {@code serial=} and {@code SHA256 Fingerprint=} prefixes as openssl prints them
 * are accepted too. An entry matches any certificate of the validated path (leaf,
 * intermediates and the trust anchor), so a compromised intermediate can be cut off by
 * its fingerprint. Immutable.
 */
public final class DenyList {

	private static final DenyList EMPTY = new DenyList(Set.of(), Set.of(), List.of());

	private final Set<BigInteger> serials;

	private final Set<String> fingerprints;

	private final List<String> entries;

	private DenyList(Set<BigInteger> serials, Set<String> fingerprints, List<String> entries) {
		this.serials = serials;
		this.fingerprints = fingerprints;
		this.entries = entries;
	}

	/**
	 * Returns a list that denies nothing.
	 * @return the empty list
	 */
	public static DenyList empty() {
		return EMPTY;
	}

	/**
	 * Parses entries; blank entries and {@code #} comments are skipped.
	 * @param entries the entries
	 * @param malformed builds the exception for a malformed entry from its position
	 * (0-based) and a description of the problem
	 * @return the list
	 * @throws RuntimeException the exception {@code malformed} built
	 */
	public static DenyList parse(List<String> entries,
			BiFunction<Integer, String, ? extends RuntimeException> malformed) {
		Set<BigInteger> serials = new LinkedHashSet<>();
		Set<String> fingerprints = new LinkedHashSet<>();
		List<String> normalized = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i).strip();
			int comment = entry.indexOf('#');
			if (comment >= 0) {
				entry = entry.substring(0, comment).strip();
			}
			if (entry.isEmpty()) {
				continue;
			}
			int colon = entry.indexOf(':');
			int equals = entry.indexOf('=');
			int separator = (colon < 0) ? equals : (equals < 0) ? colon : Math.min(colon, equals);
			if (separator < 0) {
				throw malformed.apply(i, "'" + entry + "' has no 'serial:' or 'sha256:' prefix");
			}
			String kind = entry.substring(0, separator).strip().toLowerCase(Locale.ROOT);
			String hex = entry.substring(separator + 1).replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
			if (!hex.matches("[0-9a-f]+")) {
				throw malformed.apply(i, "'" + entry + "' is not hexadecimal after its prefix");
			}
			switch (kind) {
				case "serial" -> {
					BigInteger serial = new BigInteger(hex, 16);
					serials.add(serial);
					normalized.add("serial:" + serial.toString(16));
				}
				case "sha256", "sha256 fingerprint", "sha-256" -> {
					if (hex.length() != 64) {
						throw malformed.apply(i, "'" + entry + "' is not a SHA-256 fingerprint (64 hex digits, "
								+ hex.length() + " given)");
					}
					fingerprints.add(hex);
					normalized.add("sha256:" + hex);
				}
				default -> throw malformed.apply(i,
						"'" + entry + "' starts with '" + kind + "'; use 'serial:<hex>' or 'sha256:<hex>'");
			}
		}
		if (serials.isEmpty() && fingerprints.isEmpty()) {
			return EMPTY;
		}
		return new DenyList(Set.copyOf(serials), Set.copyOf(fingerprints), List.copyOf(normalized));
	}

	/**
	 * Returns the first certificate of the path this list denies, or {@code null}.
	 * @param path the certificates to check
	 * @return the denied certificate or {@code null}
	 */
	public @Nullable X509Certificate denied(List<X509Certificate> path) {
		if (isEmpty()) {
			return null;
		}
		for (X509Certificate certificate : path) {
			if (this.serials.contains(certificate.getSerialNumber())) {
				return certificate;
			}
			if (!this.fingerprints.isEmpty() && this.fingerprints.contains(sha256(certificate))) {
				return certificate;
			}
		}
		return null;
	}

	/**
	 * Returns whether the list denies nothing.
	 * @return whether it is empty
	 */
	public boolean isEmpty() {
		return this.serials.isEmpty() && this.fingerprints.isEmpty();
	}

	/**
	 * Returns the entries in normal form ({@code serial:<hex>}, {@code sha256:<hex>}).
	 * @return the entries
	 */
	public List<String> entries() {
		return this.entries;
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof DenyList that) && this.serials.equals(that.serials)
				&& this.fingerprints.equals(that.fingerprints);
	}

	@Override
	public int hashCode() {
		return this.serials.hashCode() * 31 + this.fingerprints.hashCode();
	}

	@Override
	public String toString() {
		return "DenyList" + this.entries;
	}

	static String sha256(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (NoSuchAlgorithmException | CertificateEncodingException ex) {
			throw new IllegalStateException("Cannot fingerprint " + certificate.getSubjectX500Principal(), ex);
		}
	}

}
