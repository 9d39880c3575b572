package io.mtls.boot.core.identity;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * The identity of a verified client, read from its certificate chain: subject, issuer,
 * subject alternative names, SPIFFE ID, serial number, fingerprint, validity and extended
 * key usages.
 * <p>
 * The subject alternative names and the SPIFFE ID are read when the identity is created;
 * the subject, issuer, fingerprint and extended key usages when first asked for, then
 * kept. An identity may be shared between threads.
 * <p>
 * Equal identities have the same leaf certificate, compared by DER encoding.
 */
public final class ClientIdentity {

	private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

	private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

	private static final int FINGERPRINT_PREFIX_LENGTH = 16;

	private final List<X509Certificate> chain;

	private final SubjectAlternativeNames alternativeNames;

	private final @Nullable SpiffeId spiffeId;

	private final Memo<DistinguishedName> subject = new Memo<>(
			(leaf) -> DistinguishedName.of(leaf.getSubjectX500Principal()));

	private final Memo<DistinguishedName> issuer = new Memo<>(
			(leaf) -> DistinguishedName.of(leaf.getIssuerX500Principal()));

	private final Memo<String> sha256Fingerprint = new Memo<>(ClientIdentity::sha256Fingerprint);

	/** Empty when the certificate has no extended key usage extension. */
	private final Memo<Optional<List<String>>> extendedKeyUsages = new Memo<>(ClientIdentity::extendedKeyUsages);

	private ClientIdentity(List<X509Certificate> chain) {
		this.chain = chain;
		// read up front: two SPIFFE IDs reject the certificate rather than describe it
		this.alternativeNames = SubjectAlternativeNames.of(chain.get(0));
		this.spiffeId = spiffeId(this.alternativeNames.uris());
	}

	/**
	 * Reads the identity of a client from its verified certificate chain.
	 * @param chain the chain, client certificate first
	 * @return the identity
	 * @throws IllegalArgumentException if the chain is empty
	 * @throws ClientIdentityException with reason {@code ambiguous-spiffe-id} if the
	 * client certificate has more than one {@code spiffe:} URI, or
	 * {@code malformed-certificate} if its subject alternative names cannot be read
	 */
	public static ClientIdentity of(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("A client identity needs at least the client certificate");
		}
		return new ClientIdentity(List.copyOf(chain));
	}

	/**
	 * Returns whether a certificate may be used for TLS client authentication: it has no
	 * extended key usage extension, or the extension lists clientAuth or
	 * anyExtendedKeyUsage.
	 * @param certificate the certificate to check
	 * @return {@code true} if client authentication is permitted, {@code false} also when
	 * the extension cannot be read
	 */
	public static boolean permitsClientAuthentication(X509Certificate certificate) {
		try {
			List<String> purposes = certificate.getExtendedKeyUsage();
			return purposes == null || purposes.contains(CLIENT_AUTH) || purposes.contains(ANY_EXTENDED_KEY_USAGE);
		}
		catch (CertificateParsingException ex) {
			// a purpose list that cannot be read must not be taken as permission
			return false;
		}
	}

	/**
	 * Returns the client certificate.
	 * @return the leaf certificate of the chain
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/**
	 * Returns the certificate chain.
	 * @return the chain, client certificate first
	 */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * Returns the subject of the client certificate.
	 * @return the subject distinguished name
	 */
	public DistinguishedName subject() {
		return this.subject.get(certificate());
	}

	/**
	 * Returns the issuer of the client certificate, which is the issuing (possibly
	 * intermediate) CA's subject.
	 * @return the issuer distinguished name
	 */
	public DistinguishedName issuer() {
		return this.issuer.get(certificate());
	}

	/**
	 * Returns the DNS names among the subject alternative names.
	 * @return the DNS names in certificate order
	 */
	public List<String> dnsNames() {
		return this.alternativeNames.dnsNames();
	}

	/**
	 * Returns the IP addresses among the subject alternative names, as the JDK renders
	 * them ({@code 10.0.0.1}, {@code 0:0:0:0:0:0:0:1}).
	 * @return the IP addresses in certificate order
	 */
	public List<String> ipAddresses() {
		return this.alternativeNames.ipAddresses();
	}

	/**
	 * Returns the URIs among the subject alternative names, including invalid SPIFFE
	 * URIs.
	 * @return the URIs in certificate order
	 */
	public List<String> uris() {
		return this.alternativeNames.uris();
	}

	/**
	 * Returns the e-mail addresses (rfc822Name) among the subject alternative names.
	 * @return the e-mail addresses in certificate order
	 */
	public List<String> emails() {
		return this.alternativeNames.emails();
	}

	/**
	 * Returns the Microsoft user principal names (otherName 1.3.6.1.4.1.311.20.2.3) among
	 * the subject alternative names.
	 * @return the user principal names in certificate order
	 */
	public List<String> userPrincipalNames() {
		return this.alternativeNames.userPrincipalNames();
	}

	/**
	 * Returns the SPIFFE ID, present only when the client certificate has exactly one
	 * {@code spiffe:} URI and it is a valid SPIFFE ID.
	 * @return the SPIFFE ID, or empty
	 */
	public Optional<SpiffeId> spiffeId() {
		return Optional.ofNullable(this.spiffeId);
	}

	/**
	 * Returns the common name of the subject, wherever it sits, including inside a
	 * multi-valued RDN.
	 * @return the common name, or empty if the subject has none
	 * @throws ClientIdentityException with reason {@code ambiguous-common-name} if the
	 * subject has more than one CN attribute
	 */
	public Optional<String> commonName() {
		List<String> commonNames = subject().values("CN");
		if (commonNames.size() > 1) {
			throw new ClientIdentityException(RejectionReason.AMBIGUOUS_COMMON_NAME, "The client certificate subject '"
					+ subject() + "' has " + commonNames.size() + " CN attributes, so it has no single common name");
		}
		return first(commonNames);
	}

	/**
	 * Returns the principal name taken from the given part of the certificate; SAN
	 * sources take the first such name in certificate order.
	 * @param source the part of the certificate to use
	 * @return the principal name
	 * @throws ClientIdentityException with reason {@code no-principal} if the certificate
	 * lacks that part, or {@code ambiguous-common-name} for an ambiguous CN
	 */
	public String principalName(PrincipalSource source) {
		Optional<String> name = switch (source) {
			case CN -> commonName();
			case DN -> Optional.of(subject().toString()).filter((dn) -> !dn.isEmpty());
			case SPIFFE_ID -> spiffeId().map(SpiffeId::toString);
			case SAN_DNS -> first(dnsNames());
			case SAN_EMAIL -> first(emails());
			case SAN_URI -> first(uris());
			case FINGERPRINT -> Optional.of(sha256Fingerprint());
		};
		return name
			.orElseThrow(() -> new ClientIdentityException(RejectionReason.NO_PRINCIPAL, "The client certificate '"
					+ subject() + "' has no " + source.description() + " to use as principal name"));
	}

	/**
	 * Returns the serial number of the client certificate.
	 * @return the serial number
	 */
	public BigInteger serialNumber() {
		return certificate().getSerialNumber();
	}

	/**
	 * Returns the serial number of the client certificate in hex.
	 * @return lower-case hex without leading zeros or separators
	 */
	public String serialNumberHex() {
		return serialNumber().toString(16);
	}

	/**
	 * Returns the SHA-256 fingerprint of the client certificate's DER encoding.
	 * @return 64 lower-case hex digits without separators
	 * @throws ClientIdentityException with reason {@code malformed-certificate} if the
	 * certificate cannot be encoded
	 */
	public String sha256Fingerprint() {
		return this.sha256Fingerprint.get(certificate());
	}

	/**
	 * Returns the start of the client certificate's validity window.
	 * @return the first instant the certificate is valid
	 */
	public Instant notBefore() {
		return certificate().getNotBefore().toInstant();
	}

	/**
	 * Returns the end of the client certificate's validity window.
	 * @return the last instant the certificate is valid
	 */
	public Instant notAfter() {
		return certificate().getNotAfter().toInstant();
	}

	/**
	 * Returns the extended key usage purposes of the client certificate.
	 * @return the purpose OIDs, empty when the extension is absent
	 * @throws ClientIdentityException with reason {@code malformed-certificate} if the
	 * extension cannot be read
	 */
	public List<String> extendedKeyUsages() {
		return this.extendedKeyUsages.get(certificate()).orElse(List.of());
	}

	/**
	 * Returns whether the client certificate has an extended key usage extension, which
	 * tells an absent extension (any purpose) from an empty list.
	 * @return {@code true} if the extension is present
	 * @throws ClientIdentityException with reason {@code malformed-certificate} if the
	 * extension cannot be read
	 */
	public boolean hasExtendedKeyUsageExtension() {
		return this.extendedKeyUsages.get(certificate()).isPresent();
	}

	/**
	 * Returns whether another identity has the same client certificate, by DER encoding,
	 * which is what the SHA-256 fingerprint identifies.
	 */
	@Override
	public boolean equals(Object other) {
		return (other instanceof ClientIdentity identity) && certificate().equals(identity.certificate());
	}

	/**
	 * Returns a hash code consistent with {@link #equals(Object)}.
	 */
	@Override
	public int hashCode() {
		return certificate().hashCode();
	}

	/**
	 * Returns the subject and the start of the fingerprint, for logs.
	 */
	@Override
	public String toString() {
		return "ClientIdentity[" + subject() + ", sha256:" + sha256Fingerprint().substring(0, FINGERPRINT_PREFIX_LENGTH)
				+ "...]";
	}

	private static Optional<String> first(List<String> names) {
		return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
	}

	private static @Nullable SpiffeId spiffeId(List<String> uris) {
		List<String> spiffeUris = new ArrayList<>(1);
		for (String uri : uris) {
			if (uri.regionMatches(true, 0, "spiffe:", 0, 7)) {
				spiffeUris.add(uri);
			}
		}
		if (spiffeUris.size() > 1) {
			throw new ClientIdentityException(RejectionReason.AMBIGUOUS_SPIFFE_ID,
					"The client certificate has " + spiffeUris.size() + " spiffe URIs " + spiffeUris
							+ ", but an X.509-SVID must carry exactly one SPIFFE ID");
		}
		return spiffeUris.isEmpty() ? null : SpiffeId.parse(spiffeUris.get(0)).orElse(null);
	}

	/**
	 * Returns the SHA-256 fingerprint of any certificate: lower-case hex of its DER
	 * encoding, no colons.
	 * @param certificate the certificate
	 * @return the fingerprint
	 * @throws ClientIdentityException ({@code malformed-certificate}) if it cannot be
	 * encoded
	 */
	public static String sha256Fingerprint(X509Certificate certificate) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
		}
		catch (CertificateEncodingException ex) {
			throw new ClientIdentityException(RejectionReason.MALFORMED_CERTIFICATE,
					"Cannot encode the client certificate " + certificate.getSubjectX500Principal());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static Optional<List<String>> extendedKeyUsages(X509Certificate certificate) {
		try {
			return Optional.ofNullable(certificate.getExtendedKeyUsage()).map(List::copyOf);
		}
		catch (CertificateParsingException ex) {
			throw new ClientIdentityException(RejectionReason.MALFORMED_CERTIFICATE,
					"Cannot read the extended key usages of " + certificate.getSubjectX500Principal() + ": "
							+ ex.getMessage());
		}
	}

	/**
	 * A value read from the client certificate on first use, then kept. Threads racing on
	 * the first use may each read it; they read equal immutable values, and the volatile
	 * field publishes the one kept safely.
	 */
	private static final class Memo<T> {

		private final Function<X509Certificate, T> reader;

		private volatile @Nullable T value;

		Memo(Function<X509Certificate, T> reader) {
			this.reader = reader;
		}

		T get(X509Certificate leaf) {
			T read = this.value;
			if (read == null) {
				read = this.reader.apply(leaf);
				this.value = read;
			}
			return read;
		}

	}

	/**
	 * The subject alternative names of a certificate that can identify a client, by kind.
	 */
	private record SubjectAlternativeNames(List<String> dnsNames, List<String> ipAddresses, List<String> uris,
			List<String> emails, List<String> userPrincipalNames) {

		private static final int OTHER_NAME = 0;

		private static final int RFC822_NAME = 1;

		private static final int DNS_NAME = 2;

		private static final int URI = 6;

		private static final int IP_ADDRESS = 7;

		static SubjectAlternativeNames of(X509Certificate certificate) {
			List<String> dnsNames = new ArrayList<>();
			List<String> ipAddresses = new ArrayList<>();
			List<String> uris = new ArrayList<>();
			List<String> emails = new ArrayList<>();
			List<String> userPrincipalNames = new ArrayList<>();
			for (List<?> name : entries(certificate)) {
				Object value = name.get(1);
				switch ((Integer) name.get(0)) {
					case DNS_NAME -> dnsNames.add((String) value);
					case IP_ADDRESS -> ipAddresses.add((String) value);
					case URI -> uris.add((String) value);
					case RFC822_NAME -> emails.add((String) value);
					case OTHER_NAME -> UserPrincipalNames.decode((byte[]) value).ifPresent(userPrincipalNames::add);
					default -> {
						// directory, X.400, EDI party names and registered IDs identify
						// no client here
					}
				}
			}
			return new SubjectAlternativeNames(List.copyOf(dnsNames), List.copyOf(ipAddresses), List.copyOf(uris),
					List.copyOf(emails), List.copyOf(userPrincipalNames));
		}

		private static Collection<List<?>> entries(X509Certificate certificate) {
			try {
				Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
				return (entries != null) ? entries : List.of();
			}
			catch (CertificateParsingException ex) {
				throw new ClientIdentityException(RejectionReason.MALFORMED_CERTIFICATE,
						"Cannot read the subject alternative names of " + certificate.getSubjectX500Principal() + ": "
								+ ex.getMessage());
			}
		}

	}

}
