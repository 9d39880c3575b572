package io.mtls.boot.core.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.PKIXCertPathChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mtls.boot.core.DerElement;
import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * The rules of RFC 5280 that the JDK's PKIX validator leaves out, run on each certificate
 * of a path from the trust anchor down (never forward):
 * <ul>
 * <li>name constraints only in CA certificates, and marked critical (§4.2.1.10);</li>
 * <li>constraints that are themselves well formed: DNS names without wildcards or a
 * leading period, e-mail constraints as a mailbox, host or {@code .domain}, IP ranges of
 * 8 or 32 octets with a contiguous mask;</li>
 * <li>once a constraint is in effect, names below it that are well formed: DNS names,
 * e-mail addresses, IP addresses of 4 or 16 octets (checked before the JDK's validator
 * runs, by {@link #checkNamesUnderConstraints});</li>
 * <li>the name constraints of a trusted CA that is not self-signed (the JDK ignores
 * them);</li>
 * <li>with {@link ChainValidation#STRICT}, the profile rules of
 * {@code openssl verify -x509_strict}.</li>
 * </ul>
 */
final class ChainProfileChecker extends PKIXCertPathChecker {

	static final String NAME_CONSTRAINTS = "2.5.29.30";

	private static final String BASIC_CONSTRAINTS = "2.5.29.19";

	private static final String SUBJECT_ALTERNATIVE_NAME = "2.5.29.17";

	private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";

	private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";

	private static final int KEY_CERT_SIGN = 5;

	private static final int RFC822_NAME = 0x81;

	private static final int DNS_NAME = 0x82;

	private static final int URI = 0x86;

	private static final int IP_ADDRESS = 0x87;

	private static final int PERMITTED = 0xa0;

	private static final int EXCLUDED = 0xa1;

	private static final int KEY_IDENTIFIER = 0x80;

	private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");

	private static final Pattern LOCAL_PART = Pattern.compile("[^\\s@]+");

	private final int pathLength;

	private final byte @Nullable [] anchorNameConstraints;

	private final ChainValidation validation;

	private int remaining;

	/**
	 * Creates a checker for one path.
	 * @param pathLength the number of certificates in the path
	 * @param anchorNameConstraints the name constraints extension value of a trusted CA
	 * that is not part of the path, or {@code null}
	 * @param validation whether the strict profile rules apply
	 */
	ChainProfileChecker(int pathLength, byte @Nullable [] anchorNameConstraints, ChainValidation validation) {
		this.pathLength = pathLength;
		this.anchorNameConstraints = anchorNameConstraints;
		this.validation = validation;
	}

	@Override
	public void init(boolean forward) throws CertPathValidatorException {
		if (forward) {
			throw new CertPathValidatorException("forward checking is not supported");
		}
		this.remaining = this.pathLength;
		if (this.anchorNameConstraints != null) {
			checkConstraintSyntax(this.anchorNameConstraints, "the trusted CA");
		}
	}

	@Override
	public boolean isForwardCheckingSupported() {
		return false;
	}

	@Override
	public @Nullable Set<String> getSupportedExtensions() {
		return null;
	}

	@Override
	public void check(Certificate certificate, Collection<String> unresolvedCriticalExtensions)
			throws CertPathValidatorException {
		X509Certificate x509 = (X509Certificate) certificate;
		this.remaining--;
		String name = "'" + x509.getSubjectX500Principal().getName() + "'";
		boolean certificateAuthority = x509.getBasicConstraints() >= 0;
		boolean selfIssued = x509.getSubjectX500Principal().equals(x509.getIssuerX500Principal());
		if (this.anchorNameConstraints != null && !(selfIssued && this.remaining > 0)) {
			checkAnchorNameConstraints(this.anchorNameConstraints, x509, name);
		}
		byte[] nameConstraints = x509.getExtensionValue(NAME_CONSTRAINTS);
		if (nameConstraints != null) {
			if (!certificateAuthority) {
				throw refusal(RejectionReason.NAME_CONSTRAINTS,
						name + " has name constraints but is not a CA certificate (RFC 5280 4.2.1.10)");
			}
			if (!x509.getCriticalExtensionOIDs().contains(NAME_CONSTRAINTS)) {
				throw refusal(RejectionReason.NAME_CONSTRAINTS,
						name + " has name constraints not marked critical (RFC 5280 4.2.1.10)");
			}
			checkConstraintSyntax(nameConstraints, name);
		}
		if (this.validation == ChainValidation.STRICT) {
			checkProfile(x509, name, certificateAuthority, selfIssued);
		}
	}

	private static void checkAnchorNameConstraints(byte[] anchorNameConstraints, X509Certificate certificate,
			String name) throws CertPathValidatorException {
		X509CertSelector selector = new X509CertSelector();
		try {
			selector.setNameConstraints(DerElement.extensionDer(anchorNameConstraints));
		}
		catch (IOException | IllegalArgumentException ex) {
			throw refusal(RejectionReason.MALFORMED_NAME,
					"the trusted CA has malformed name constraints: " + ex.getMessage());
		}
		if (!selector.match(certificate)) {
			throw refusal(RejectionReason.NAME_CONSTRAINTS,
					name + " violates the name constraints of the trusted CA that issued its path");
		}
	}

	private static void checkProfile(X509Certificate certificate, String name, boolean certificateAuthority,
			boolean selfIssued) throws CertPathValidatorException {
		if (!selfIssued && certificate.getExtensionValue(AUTHORITY_KEY_IDENTIFIER) == null) {
			throw refusal(RejectionReason.PROFILE, name + " has no authority key identifier");
		}
		if (certificateAuthority && certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER) == null) {
			throw refusal(RejectionReason.PROFILE, name + " is a CA without a subject key identifier");
		}
		if (certificateAuthority && !certificate.getCriticalExtensionOIDs().contains(BASIC_CONSTRAINTS)) {
			throw refusal(RejectionReason.PROFILE, name + " is a CA whose basic constraints are not critical");
		}
		boolean[] keyUsage = certificate.getKeyUsage();
		if (!certificateAuthority && keyUsage != null && keyUsage.length > KEY_CERT_SIGN && keyUsage[KEY_CERT_SIGN]) {
			throw refusal(RejectionReason.PROFILE, name + " asserts keyCertSign but is not a CA certificate");
		}
	}

	/**
	 * Refuses malformed subject alternative names below a name constraint, before the
	 * JDK's validator applies the constraint to them.
	 * @param path the path, leaf first, anchor side last
	 * @param anchorConstrained whether a trusted CA outside the path has name constraints
	 * @throws CertPathValidatorException with reason {@code malformed-name}
	 */
	static void checkNamesUnderConstraints(List<X509Certificate> path, boolean anchorConstrained)
			throws CertPathValidatorException {
		boolean constrained = anchorConstrained;
		for (int i = path.size() - 1; i >= 0; i--) {
			X509Certificate certificate = path.get(i);
			if (constrained) {
				checkNameSyntax(certificate, "'" + certificate.getSubjectX500Principal().getName() + "'");
			}
			constrained |= certificate.getExtensionValue(NAME_CONSTRAINTS) != null;
		}
	}

	private static void checkNameSyntax(X509Certificate certificate, String name) throws CertPathValidatorException {
		DerElement names;
		try {
			names = DerElement.ofExtensionValue(certificate.getExtensionValue(SUBJECT_ALTERNATIVE_NAME));
			if (names == null) {
				return;
			}
			for (DerElement generalName : names.children()) {
				String problem = switch (generalName.tag()) {
					case DNS_NAME -> isDnsName(ascii(generalName), true) ? null : "DNS name";
					case RFC822_NAME -> isMailbox(ascii(generalName)) ? null : "e-mail address";
					case IP_ADDRESS -> (generalName.content().length == 4 || generalName.content().length == 16) ? null
							: "IP address of " + generalName.content().length + " octets";
					default -> null;
				};
				if (problem != null) {
					throw refusal(RejectionReason.MALFORMED_NAME,
							name + " has a malformed subject alternative name under name constraints: " + problem);
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw refusal(RejectionReason.MALFORMED_NAME,
					name + " has an unreadable subject alternative name extension: " + ex.getMessage());
		}
	}

	private static void checkConstraintSyntax(byte[] extensionValue, String owner) throws CertPathValidatorException {
		try {
			for (DerElement subtrees : DerElement.ofExtension(extensionValue).children()) {
				if (subtrees.tag() != PERMITTED && subtrees.tag() != EXCLUDED) {
					throw new IllegalArgumentException("unexpected element in NameConstraints");
				}
				for (DerElement subtree : subtrees.children()) {
					DerElement base = subtree.children().get(0);
					String problem = switch (base.tag()) {
						case DNS_NAME -> isDnsConstraint(ascii(base)) ? null : "DNS constraint '" + ascii(base) + "'";
						case RFC822_NAME ->
							isEmailConstraint(ascii(base)) ? null : "e-mail constraint '" + ascii(base) + "'";
						case URI -> isHostConstraint(ascii(base)) ? null : "URI constraint '" + ascii(base) + "'";
						case IP_ADDRESS -> isAddressRange(base.content()) ? null
								: "IP constraint of " + base.content().length + " octets or with a gapped mask";
						default -> null;
					};
					if (problem != null) {
						throw refusal(RejectionReason.MALFORMED_NAME,
								owner + " has a malformed name constraint: " + problem);
					}
				}
			}
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			throw refusal(RejectionReason.MALFORMED_NAME, owner + " has unreadable name constraints");
		}
	}

	/**
	 * Returns the key identifier of the authority key identifier extension.
	 * @param certificate the certificate
	 * @return the identifier, or {@code null} if absent or unreadable
	 */
	static byte @Nullable [] authorityKeyIdentifier(X509Certificate certificate) {
		try {
			DerElement extension = DerElement.ofExtensionValue(certificate.getExtensionValue(AUTHORITY_KEY_IDENTIFIER));
			if (extension != null) {
				for (DerElement part : extension.children()) {
					if (part.tag() == KEY_IDENTIFIER) {
						return part.content();
					}
				}
			}
		}
		catch (IllegalArgumentException ex) {
			// unreadable: the path validator reports the certificate
		}
		return null;
	}

	/**
	 * Returns the subject key identifier.
	 * @param certificate the certificate
	 * @return the identifier, or {@code null} if absent or unreadable
	 */
	static byte @Nullable [] subjectKeyIdentifier(X509Certificate certificate) {
		try {
			DerElement extension = DerElement.ofExtensionValue(certificate.getExtensionValue(SUBJECT_KEY_IDENTIFIER));
			return (extension != null) ? extension.content() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isDnsName(String name, boolean wildcardAllowed) {
		String host = (wildcardAllowed && name.startsWith("*.")) ? name.substring(2) : name;
		if (host.isEmpty() || host.length() > 253) {
			return false;
		}
		for (String label : host.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return false;
			}
		}
		return true;
	}

	private static boolean isDnsConstraint(String constraint) {
		// the empty constraint matches every name
		return constraint.isEmpty() || isDnsName(constraint, false);
	}

	private static boolean isMailbox(String address) {
		int at = address.lastIndexOf('@');
		return at > 0 && LOCAL_PART.matcher(address.substring(0, at)).matches()
				&& isDnsName(address.substring(at + 1), false);
	}

	private static boolean isEmailConstraint(String constraint) {
		return constraint.contains("@") ? isMailbox(constraint) : isHostConstraint(constraint);
	}

	private static boolean isHostConstraint(String constraint) {
		return isDnsName(constraint.startsWith(".") ? constraint.substring(1) : constraint, false);
	}

	private static boolean isAddressRange(byte[] octets) {
		if (octets.length != 8 && octets.length != 32) {
			return false;
		}
		boolean zeros = false;
		for (int i = octets.length / 2; i < octets.length; i++) {
			for (int bit = 7; bit >= 0; bit--) {
				boolean one = ((octets[i] >> bit) & 1) == 1;
				if (one && zeros) {
					return false;
				}
				zeros |= !one;
			}
		}
		return true;
	}

	private static String ascii(DerElement element) {
		return new String(element.content(), StandardCharsets.US_ASCII);
	}

	private static CertPathValidatorException refusal(RejectionReason reason, String message) {
		return new CertPathValidatorException(message, null, null, -1, new Refusal(reason));
	}

	/**
	 * Carries one of our reasons through the JDK's validator.
	 *
	 * @param reason the reason
	 */
	record Refusal(RejectionReason reason) implements CertPathValidatorException.Reason {
	}

}
