package io.mtls.boot.core.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

/**
 * An immutable, parsed X.500 distinguished name: its RDNs in RFC 4514 string order (most
 * specific first), each holding canonical attribute types and unescaped values.
 * <p>
 * Two names are equal when their RDNs are equal; {@link #toString()} returns the string
 * the name was created from.
 */
public final class DistinguishedName {

	/**
	 * Keywords the JDK does not emit by default; without them these attributes would
	 * render as {@code OID=#hex} and could not be matched by value.
	 */
	private static final Map<String, String> EXTRA_KEYWORDS = Map.of("1.2.840.113549.1.9.1", "EMAILADDRESS", "2.5.4.5",
			"SERIALNUMBER");

	private final List<Rdn> rdns;

	private final String text;

	private DistinguishedName(List<Rdn> rdns, String text) {
		this.rdns = List.copyOf(rdns);
		this.text = text;
	}

	/**
	 * Reads the name of a certificate subject or issuer.
	 * @param principal the X.500 principal
	 * @return the name, whose {@link #toString()} is the principal's RFC 2253 name
	 * @throws IllegalArgumentException if the JDK's rendering of the name cannot be
	 * parsed
	 */
	public static DistinguishedName of(X500Principal principal) {
		String name = principal.getName();
		// the JDK caches this rendering; render again only if it shows an extra keyword
		// as hex
		String rendered = mentionsExtraKeyword(name) ? principal.getName(X500Principal.RFC2253, EXTRA_KEYWORDS) : name;
		try {
			return new DistinguishedName(Rfc4514Parser.parse(rendered), name);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Cannot parse the distinguished name '" + rendered + "'", ex);
		}
	}

	/**
	 * Parses an RFC 4514 string strictly; unescaped spaces around separators are ignored.
	 * @param rfc4514 the name, such as {@code CN=alice,OU=ops,O=Example}; empty for the
	 * empty name
	 * @return the name, whose {@link #toString()} is the given string
	 * @throws IllegalArgumentException if the string is malformed, with a message saying
	 * what and where
	 */
	public static DistinguishedName parse(String rfc4514) {
		return new DistinguishedName(Rfc4514Parser.parse(rfc4514), rfc4514);
	}

	/**
	 * Returns the RDNs in RFC 4514 string order, most specific first.
	 * @return the relative distinguished names
	 */
	public List<Rdn> rdns() {
		return this.rdns;
	}

	/**
	 * Returns every value of an attribute type, including those inside multi-valued RDNs.
	 * @param type the attribute type, in any case or as an OID, such as {@code CN}
	 * @return the values in RDN order, empty if the type is absent
	 */
	public List<String> values(String type) {
		String canonicalType = AttributeType.canonical(type);
		List<String> values = new ArrayList<>(1);
		for (Rdn rdn : this.rdns) {
			for (Attribute attribute : rdn.attributes()) {
				if (attribute.type().equals(canonicalType)) {
					values.add(attribute.value());
				}
			}
		}
		return List.copyOf(values);
	}

	/**
	 * Returns whether this is the empty name, which has no RDNs.
	 * @return {@code true} if the name has no RDNs
	 */
	public boolean isEmpty() {
		return this.rdns.isEmpty();
	}

	/**
	 * Returns whether another name has the same RDNs, whatever string each was created
	 * from.
	 */
	@Override
	public boolean equals(Object other) {
		return (other instanceof DistinguishedName name) && this.rdns.equals(name.rdns);
	}

	/**
	 * Returns a hash code consistent with {@link #equals(Object)}.
	 */
	@Override
	public int hashCode() {
		return this.rdns.hashCode();
	}

	/**
	 * Returns the RFC 2253 name of the principal, or the string that was parsed.
	 * @return the string form this name was created from
	 */
	@Override
	public String toString() {
		return this.text;
	}

	/**
	 * Returns whether a rendered name may hold an attribute of an extra keyword; a value
	 * that merely contains its OID costs a second rendering, no more.
	 */
	private static boolean mentionsExtraKeyword(String name) {
		for (String oid : EXTRA_KEYWORDS.keySet()) {
			if (name.contains(oid)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A relative distinguished name: one attribute, or several for a multi-valued RDN.
	 * Because an RDN is a set, its attributes are kept sorted by type and value.
	 *
	 * @param attributes the attributes, at least one
	 */
	public record Rdn(List<Attribute> attributes) {

		private static final Comparator<Attribute> ORDER = Comparator.comparing(Attribute::type)
			.thenComparing(Attribute::value);

		/**
		 * Creates an RDN, sorting a copy of the attributes.
		 * @param attributes the attributes, at least one
		 */
		public Rdn {
			if (attributes.isEmpty()) {
				throw new IllegalArgumentException("An RDN needs at least one attribute");
			}
			Attribute[] sorted = attributes.toArray(Attribute[]::new);
			Arrays.sort(sorted, ORDER);
			attributes = List.of(sorted);
		}

	}

	/**
	 * One attribute of an RDN.
	 *
	 * @param type the canonical attribute type, such as {@code CN} or an OID
	 * @param value the unescaped value, or {@code #} followed by lower-case hex for a
	 * value the name only carries in binary form
	 */
	public record Attribute(String type, String value) {

		/**
		 * Creates an attribute, canonicalizing its type.
		 * @param type the attribute type in any case, an alias or an OID
		 * @param value the unescaped value
		 */
		public Attribute {
			type = AttributeType.canonical(Objects.requireNonNull(type, "type"));
			Objects.requireNonNull(value, "value");
		}

	}

}
