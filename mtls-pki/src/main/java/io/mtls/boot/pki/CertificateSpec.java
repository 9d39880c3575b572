package io.mtls.boot.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.NameConstraints;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * Fluent description of a certificate to issue; every setter returns this spec and
 * {@link #issue()} generates the key pair and signs the certificate.
 *
 * @param <T> what {@link #issue()} returns: a {@link CertificateAuthority} for CAs,
 * otherwise an {@link IssuedCertificate}
 */
public final class CertificateSpec<T> {

	private static final ASN1ObjectIdentifier USER_PRINCIPAL_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final CertificateProfile profile;

	private final X500Name subject;

	private final @Nullable CertificateAuthority issuer;

	private final IssuedFactory<T> factory;

	private final List<GeneralName> subjectAlternativeNames = new ArrayList<>();

	private KeyType keyType = KeyType.EC_P256;

	private @Nullable Instant notBefore;

	private @Nullable Instant notAfter;

	private @Nullable Set<KeyUsage> keyUsages;

	private @Nullable List<ExtendedKeyUsage> extendedKeyUsages;

	private @Nullable BigInteger serial;

	private @Nullable KeyPair keyPair;

	private @Nullable Boolean certificateAuthority;

	private @Nullable Integer pathLength;

	private boolean basicConstraintsCritical = true;

	private final List<GeneralSubtree> permittedSubtrees = new ArrayList<>();

	private final List<GeneralSubtree> excludedSubtrees = new ArrayList<>();

	private boolean nameConstraintsCritical = true;

	private final List<ASN1ObjectIdentifier> unknownCriticalExtensions = new ArrayList<>();

	private boolean subjectKeyIdentifier = true;

	private boolean authorityKeyIdentifier = true;

	CertificateSpec(CertificateProfile profile, String subjectDn, @Nullable CertificateAuthority issuer,
			IssuedFactory<T> factory) {
		this.profile = profile;
		this.subject = parseDistinguishedName(subjectDn);
		this.issuer = issuer;
		this.factory = factory;
	}

	/**
	 * Sets the type of the key pair to generate (default {@link KeyType#EC_P256}).
	 * @param keyType the key type
	 * @return this spec
	 */
	public CertificateSpec<T> keyType(KeyType keyType) {
		this.keyType = keyType;
		return this;
	}

	/**
	 * Sets the start of the validity window (default one minute ago).
	 * @param notBefore the first instant the certificate is valid
	 * @return this spec
	 */
	public CertificateSpec<T> notBefore(Instant notBefore) {
		this.notBefore = notBefore;
		return this;
	}

	/**
	 * Sets the end of the validity window (default now plus the validity of the
	 * certificate kind).
	 * @param notAfter the last instant the certificate is valid
	 * @return this spec
	 */
	public CertificateSpec<T> notAfter(Instant notAfter) {
		this.notAfter = notAfter;
		return this;
	}

	/**
	 * Makes the certificate valid from one minute ago until now plus the given duration.
	 * @param validity how long from now the certificate stays valid
	 * @return this spec
	 */
	public CertificateSpec<T> validFor(Duration validity) {
		Instant now = Instant.now();
		return notBefore(now.minus(CLOCK_SKEW)).notAfter(now.plus(validity));
	}

	/**
	 * Makes the certificate expired: valid from 30 days ago until yesterday.
	 * @return this spec
	 */
	public CertificateSpec<T> expired() {
		Instant now = Instant.now();
		return notBefore(now.minus(Duration.ofDays(30))).notAfter(now.minus(Duration.ofDays(1)));
	}

	/**
	 * Makes the certificate not yet valid: valid from tomorrow until 30 days from now.
	 * @return this spec
	 */
	public CertificateSpec<T> notYetValid() {
		Instant now = Instant.now();
		return notBefore(now.plus(Duration.ofDays(1))).notAfter(now.plus(Duration.ofDays(30)));
	}

	/**
	 * Adds DNS names to the subject alternative names.
	 * @param names host names such as {@code localhost} or {@code *.example.com}
	 * @return this spec
	 */
	public CertificateSpec<T> dns(String... names) {
		return addNames(GeneralName.dNSName, names);
	}

	/**
	 * Adds IP addresses to the subject alternative names.
	 * @param addresses IPv4 or IPv6 literals such as {@code 127.0.0.1} or {@code ::1}
	 * @return this spec
	 * @throws IllegalArgumentException if an address is not an IP literal
	 */
	public CertificateSpec<T> ip(String... addresses) {
		for (String address : addresses) {
			if (!IPAddress.isValid(address)) {
				throw new IllegalArgumentException("Not an IPv4 or IPv6 literal: " + address);
			}
		}
		return addNames(GeneralName.iPAddress, addresses);
	}

	/**
	 * Adds URIs to the subject alternative names, for example SPIFFE IDs.
	 * @param uris absolute URIs such as {@code spiffe://example.org/ns/default/sa/app}
	 * @return this spec
	 */
	public CertificateSpec<T> uri(String... uris) {
		return addNames(GeneralName.uniformResourceIdentifier, uris);
	}

	/**
	 * Adds e-mail addresses (rfc822Name) to the subject alternative names.
	 * @param addresses e-mail addresses
	 * @return this spec
	 */
	public CertificateSpec<T> email(String... addresses) {
		return addNames(GeneralName.rfc822Name, addresses);
	}

	/**
	 * Adds Microsoft user principal names (otherName 1.3.6.1.4.1.311.20.2.3 holding a
	 * UTF8String) to the subject alternative names.
	 * @param userPrincipalNames names such as {@code alice@example.com}
	 * @return this spec
	 */
	public CertificateSpec<T> upn(String... userPrincipalNames) {
		for (String name : userPrincipalNames) {
			OtherName otherName = new OtherName(USER_PRINCIPAL_NAME, new DERUTF8String(name));
			subjectAlternativeNames.add(new GeneralName(GeneralName.otherName, otherName));
		}
		return this;
	}

	/**
	 * Replaces the default key usages; the extension stays critical, and no usages leaves
	 * it out.
	 * @param usages the key usages to assert
	 * @return this spec
	 */
	public CertificateSpec<T> keyUsage(KeyUsage... usages) {
		this.keyUsages = EnumSet.noneOf(KeyUsage.class);
		this.keyUsages.addAll(Arrays.asList(usages));
		return this;
	}

	/**
	 * Replaces the default extended key usages; no purposes leaves the extension out.
	 * @param usages the purposes to assert
	 * @return this spec
	 */
	public CertificateSpec<T> extendedKeyUsage(ExtendedKeyUsage... usages) {
		this.extendedKeyUsages = List.of(usages);
		return this;
	}

	/**
	 * Leaves the extended key usage extension out of the certificate.
	 * @return this spec
	 */
	public CertificateSpec<T> noExtendedKeyUsage() {
		return extendedKeyUsage();
	}

	/**
	 * Sets the serial number instead of a random positive 127-bit one.
	 * @param serial the serial number
	 * @return this spec
	 */
	public CertificateSpec<T> serial(BigInteger serial) {
		this.serial = serial;
		return this;
	}

	/**
	 * Certifies the given key pair instead of a new one, for example to re-issue a CA
	 * under the same name and key (a renewed or cross-signed intermediate).
	 * @param keyPair the key pair, of the spec's {@link #keyType(KeyType) key type}
	 * @return this spec
	 */
	public CertificateSpec<T> keyPair(KeyPair keyPair) {
		this.keyPair = keyPair;
		return this;
	}

	/**
	 * Overrides the basic constraints' CA flag of the certificate kind, for example to
	 * make an intermediate that is not a CA but still signs.
	 * @param certificateAuthority the CA flag
	 * @return this spec
	 */
	public CertificateSpec<T> certificateAuthority(boolean certificateAuthority) {
		this.certificateAuthority = certificateAuthority;
		return this;
	}

	/**
	 * Sets the basic constraints' path length constraint of a CA.
	 * @param pathLength how many intermediate CAs may follow this one
	 * @return this spec
	 */
	public CertificateSpec<T> pathLength(int pathLength) {
		this.pathLength = pathLength;
		return this;
	}

	/**
	 * Marks the basic constraints extension not critical (it is critical by default).
	 * @return this spec
	 */
	public CertificateSpec<T> basicConstraintsNotCritical() {
		this.basicConstraintsCritical = false;
		return this;
	}

	/**
	 * Adds permitted DNS name subtrees to the name constraints; no syntax check, so
	 * malformed constraints can be issued.
	 * @param names constraints such as {@code example.org}
	 * @return this spec
	 */
	public CertificateSpec<T> permittedDns(String... names) {
		return addSubtrees(this.permittedSubtrees, GeneralName.dNSName, names);
	}

	/**
	 * Adds excluded DNS name subtrees to the name constraints.
	 * @param names constraints such as {@code evil.example.org}
	 * @return this spec
	 */
	public CertificateSpec<T> excludedDns(String... names) {
		return addSubtrees(this.excludedSubtrees, GeneralName.dNSName, names);
	}

	/**
	 * Adds permitted e-mail subtrees to the name constraints.
	 * @param constraints a mailbox, a host ({@code example.org}) or a domain
	 * ({@code .example.org})
	 * @return this spec
	 */
	public CertificateSpec<T> permittedEmail(String... constraints) {
		return addSubtrees(this.permittedSubtrees, GeneralName.rfc822Name, constraints);
	}

	/**
	 * Adds permitted directory name subtrees to the name constraints.
	 * @param distinguishedNames RFC 4514 names such as {@code O=Example}
	 * @return this spec
	 */
	public CertificateSpec<T> permittedDirectory(String... distinguishedNames) {
		for (String name : distinguishedNames) {
			this.permittedSubtrees
				.add(new GeneralSubtree(new GeneralName(GeneralName.directoryName, parseDistinguishedName(name))));
		}
		return this;
	}

	/**
	 * Adds excluded directory name subtrees to the name constraints.
	 * @param distinguishedNames RFC 4514 names such as {@code OU=evil,O=Example}
	 * @return this spec
	 */
	public CertificateSpec<T> excludedDirectory(String... distinguishedNames) {
		for (String name : distinguishedNames) {
			this.excludedSubtrees
				.add(new GeneralSubtree(new GeneralName(GeneralName.directoryName, parseDistinguishedName(name))));
		}
		return this;
	}

	/**
	 * Adds a permitted IP address range to the name constraints, as raw octets (address
	 * then mask: 8 for IPv4, 32 for IPv6), so malformed ranges can be issued too.
	 * @param addressAndMask the octets
	 * @return this spec
	 */
	public CertificateSpec<T> permittedIp(byte[] addressAndMask) {
		this.permittedSubtrees
			.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(addressAndMask))));
		return this;
	}

	/**
	 * Adds an excluded IP address range to the name constraints, as raw octets.
	 * @param addressAndMask the octets: address then mask
	 * @return this spec
	 */
	public CertificateSpec<T> excludedIp(byte[] addressAndMask) {
		this.excludedSubtrees
			.add(new GeneralSubtree(new GeneralName(GeneralName.iPAddress, new DEROctetString(addressAndMask))));
		return this;
	}

	/**
	 * Marks the name constraints extension not critical (it is critical by default).
	 * @return this spec
	 */
	public CertificateSpec<T> nameConstraintsNotCritical() {
		this.nameConstraintsCritical = false;
		return this;
	}

	/**
	 * Adds a critical extension no verifier knows, holding an ASN.1 NULL.
	 * @param oid the extension's object identifier
	 * @return this spec
	 */
	public CertificateSpec<T> unknownCriticalExtension(String oid) {
		this.unknownCriticalExtensions.add(new ASN1ObjectIdentifier(oid));
		return this;
	}

	/**
	 * Leaves the subject key identifier extension out.
	 * @return this spec
	 */
	public CertificateSpec<T> noSubjectKeyIdentifier() {
		this.subjectKeyIdentifier = false;
		return this;
	}

	/**
	 * Leaves the authority key identifier extension out.
	 * @return this spec
	 */
	public CertificateSpec<T> noAuthorityKeyIdentifier() {
		this.authorityKeyIdentifier = false;
		return this;
	}

	/**
	 * Adds an IP address to the subject alternative names as raw octets, so that an
	 * address of the wrong length can be issued.
	 * @param octets the address octets
	 * @return this spec
	 */
	public CertificateSpec<T> ipOctets(byte[] octets) {
		this.subjectAlternativeNames.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(octets)));
		return this;
	}

	/**
	 * Generates the key pair and issues the certificate, signed by the issuing CA or, for
	 * a root, by itself.
	 * @return the issued certificate with its key
	 * @throws IllegalStateException if the validity window is empty or signing fails
	 */
	public T issue() {
		Instant now = Instant.now();
		Instant start = (notBefore != null) ? notBefore : now.minus(CLOCK_SKEW);
		Instant end = (notAfter != null) ? notAfter : now.plus(profile.validity());
		if (!end.isAfter(start)) {
			throw new IllegalStateException("notAfter " + end + " must be after notBefore " + start);
		}
		KeyPair keyPair = (this.keyPair != null) ? this.keyPair : keyType.generateKeyPair();
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName(), serialNumber(),
					Date.from(start), Date.from(end), subject, keyPair.getPublic());
			addExtensions(builder, keyPair.getPublic());
			ContentSigner signer = (issuer != null) ? issuer.keyType().contentSigner(issuer.privateKey())
					: keyType.contentSigner(keyPair.getPrivate());
			X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
			return factory.create(certificate, keyPair, keyType, issuer);
		}
		catch (GeneralSecurityException | OperatorCreationException | CertIOException ex) {
			throw new IllegalStateException("Cannot issue a certificate for '" + subject + "'", ex);
		}
	}

	private void addExtensions(X509v3CertificateBuilder builder, PublicKey subjectKey)
			throws GeneralSecurityException, CertIOException {
		JcaX509ExtensionUtils extensionUtils = new JcaX509ExtensionUtils();
		PublicKey issuerKey = (issuer != null) ? issuer.certificate().getPublicKey() : subjectKey;
		boolean ca = (certificateAuthority != null) ? certificateAuthority : profile.certificateAuthority();
		builder.addExtension(Extension.basicConstraints, basicConstraintsCritical,
				(ca && pathLength != null) ? new BasicConstraints(pathLength) : new BasicConstraints(ca));
		Set<KeyUsage> usages = (keyUsages != null) ? keyUsages : profile.keyUsages(keyType);
		if (!usages.isEmpty()) {
			int bits = usages.stream().mapToInt(KeyUsage::bit).reduce(0, (left, right) -> left | right);
			builder.addExtension(Extension.keyUsage, true, new org.bouncycastle.asn1.x509.KeyUsage(bits));
		}
		List<ExtendedKeyUsage> purposes = (extendedKeyUsages != null) ? extendedKeyUsages : profile.extendedKeyUsages();
		if (!purposes.isEmpty()) {
			KeyPurposeId[] purposeIds = purposes.stream()
				.map((purpose) -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(purpose.oid())))
				.toArray(KeyPurposeId[]::new);
			builder.addExtension(Extension.extendedKeyUsage, false,
					new org.bouncycastle.asn1.x509.ExtendedKeyUsage(purposeIds));
		}
		if (subjectKeyIdentifier) {
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensionUtils.createSubjectKeyIdentifier(subjectKey));
		}
		if (authorityKeyIdentifier) {
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensionUtils.createAuthorityKeyIdentifier(issuerKey));
		}
		if (!permittedSubtrees.isEmpty() || !excludedSubtrees.isEmpty()) {
			builder.addExtension(Extension.nameConstraints, nameConstraintsCritical,
					new NameConstraints(subtrees(permittedSubtrees), subtrees(excludedSubtrees)));
		}
		for (ASN1ObjectIdentifier oid : unknownCriticalExtensions) {
			builder.addExtension(oid, true, DERNull.INSTANCE);
		}
		if (!subjectAlternativeNames.isEmpty()) {
			// RFC 5280 4.2.1.6: the extension is critical when the subject name is empty.
			builder.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
					new GeneralNames(subjectAlternativeNames.toArray(GeneralName[]::new)));
		}
	}

	private static GeneralSubtree @Nullable [] subtrees(List<GeneralSubtree> subtrees) {
		return subtrees.isEmpty() ? null : subtrees.toArray(GeneralSubtree[]::new);
	}

	private CertificateSpec<T> addSubtrees(List<GeneralSubtree> subtrees, int tag, String... names) {
		for (String name : names) {
			subtrees.add(new GeneralSubtree(new GeneralName(tag, name)));
		}
		return this;
	}

	private X500Name issuerName() {
		return (issuer != null) ? X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded())
				: subject;
	}

	private BigInteger serialNumber() {
		return (serial != null) ? serial : new BigInteger(127, RANDOM).setBit(126);
	}

	private CertificateSpec<T> addNames(int tag, String... names) {
		for (String name : names) {
			subjectAlternativeNames.add(new GeneralName(tag, name));
		}
		return this;
	}

	/**
	 * Parses an RFC 4514 string, which lists the most specific RDN first, into an X.500
	 * name whose DER sequence lists the most general RDN first, so the JDK renders it
	 * back as the same string. Escapes and multi-valued RDNs are kept as written.
	 */
	private static X500Name parseDistinguishedName(String distinguishedName) {
		RDN[] written = new X500Name(BCStyle.INSTANCE, distinguishedName).getRDNs();
		RDN[] encoded = new RDN[written.length];
		for (int i = 0; i < written.length; i++) {
			encoded[written.length - 1 - i] = written[i];
		}
		return new X500Name(encoded);
	}

	/**
	 * Wraps a freshly signed certificate and its key pair into what {@link #issue()}
	 * returns.
	 *
	 * @param <T> the wrapper type
	 */
	@FunctionalInterface
	interface IssuedFactory<T> {

		T create(X509Certificate certificate, KeyPair keyPair, KeyType keyType, @Nullable CertificateAuthority issuer);

	}

}
