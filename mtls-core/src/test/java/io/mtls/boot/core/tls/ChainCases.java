package io.mtls.boot.core.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.KeyUsage;
import io.mtls.boot.pki.TestPki;

/**
 * Client chains that exercise path building and validation, each with its own CA
 * hierarchy, the verdict the server must give and, in the name, what
 * {@code openssl verify} (OpenSSL 3, default flags, and with {@code -x509_strict} where
 * they differ) says of the same chain. The handshake tests and the in-process tests share
 * these cases.
 */
public final class ChainCases {

	private static final List<Case> STANDARD = new ArrayList<>();

	private static final List<Case> STRICT = new ArrayList<>();

	static {
		// RFC 8446 4.4.2: order and extra certificates (issue 8)
		CertificateAuthority root = root("Order");
		CertificateAuthority upper = root.intermediateCa("CN=Order Upper CA").issue();
		CertificateAuthority lower = upper.intermediateCa("CN=Order Lower CA").issue();
		IssuedCertificate client = lower.client("CN=reversed,O=chains").issue();
		accept("intermediates in reverse order", "OK", root,
				client.presenting(upper.certificate(), lower.certificate()));
		CertificateAuthority unrelated = root("Unrelated");
		accept("an unrelated extra certificate", "OK", root,
				lower.client("CN=extra,O=chains")
					.issue()
					.presenting(lower.certificate(), unrelated.client("CN=stranger").issue().certificate(),
							upper.certificate()));
		accept("the root sent too", "OK", root,
				lower.client("CN=with-root,O=chains")
					.issue()
					.presenting(lower.certificate(), upper.certificate(), root.certificate()));
		CertificateAuthority issuingOnlyRoot = root("Issuing Only");
		CertificateAuthority issuing = issuingOnlyRoot.intermediateCa("CN=Issuing Only Intermediate").issue();
		accept("trust holds only the issuing intermediate", "-partial_chain: OK", issuing,
				issuing.client("CN=partial,O=chains").issue());

		// refusals that held before path building (issue 8)
		CertificateAuthority notCaRoot = root("Not A CA");
		CertificateAuthority notCa = notCaRoot.intermediateCa("CN=Not A CA Intermediate")
			.certificateAuthority(false)
			.issue();
		refuse("an intermediate that is not a CA", "invalid CA certificate", notCaRoot,
				notCa.client("CN=not-ca,O=chains").issue(), RejectionReason.UNTRUSTED);
		CertificateAuthority pathRoot = root("Path Length");
		CertificateAuthority pathZero = pathRoot.intermediateCa("CN=Path Length Zero").pathLength(0).issue();
		CertificateAuthority belowZero = pathZero.intermediateCa("CN=Below Path Length Zero").issue();
		refuse("one CA too many below pathlen 0", "path length constraint exceeded", pathRoot,
				belowZero.client("CN=too-deep,O=chains").issue(), RejectionReason.UNTRUSTED);
		CertificateAuthority noSignRoot = root("No Cert Sign");
		CertificateAuthority noSign = noSignRoot.intermediateCa("CN=No Cert Sign Intermediate")
			.keyUsage(KeyUsage.CRL_SIGN)
			.issue();
		refuse("an intermediate without keyCertSign", "key usage does not include certificate signing", noSignRoot,
				noSign.client("CN=no-cert-sign,O=chains").issue(), RejectionReason.UNTRUSTED);
		CertificateAuthority constrainedRoot = root("Constrained Intermediate");
		CertificateAuthority constrained = constrainedRoot.intermediateCa("CN=Constrained Intermediate")
			.permittedDns("example.org")
			.issue();
		refuse("a DNS name outside the intermediate's name constraints", "permitted subtree violation", constrainedRoot,
				constrained.client("CN=outside,O=chains").dns("evil.test").issue(), RejectionReason.NAME_CONSTRAINTS);
		accept("a DNS name inside the intermediate's name constraints", "OK", constrainedRoot,
				constrained.client("CN=inside,O=chains").dns("api.example.org").issue());
		CertificateAuthority criticalRoot = root("Critical Leaf");
		refuse("an unknown critical extension in the leaf", "unhandled critical extension", criticalRoot,
				criticalRoot.client("CN=critical,O=chains").unknownCriticalExtension("1.3.6.1.4.1.55555.1").issue(),
				RejectionReason.CRITICAL_EXTENSION);
		CertificateAuthority validityRoot = root("Validity");
		refuse("an expired leaf", "certificate has expired", validityRoot,
				validityRoot.client("CN=expired,O=chains").expired().issue(), RejectionReason.EXPIRED);
		refuse("a leaf not yet valid", "certificate is not yet valid", validityRoot,
				validityRoot.client("CN=not-yet,O=chains").notYetValid().issue(), RejectionReason.NOT_YET_VALID);
		CertificateAuthority tamperedRoot = root("Tampered");
		CertificateAuthority tamperedIntermediate = tamperedRoot.intermediateCa("CN=Tampered Intermediate").issue();
		refuse("an intermediate with a tampered signature", "certificate signature failure", tamperedRoot,
				tamperedIntermediate.client("CN=tampered,O=chains")
					.issue()
					.presenting(tampered(tamperedIntermediate.certificate())),
				RejectionReason.UNTRUSTED);
		CertificateAuthority twinRoot = root("Twin");
		CertificateAuthority twin = TestPki.rootCa("CN=Twin Root CA,O=chains").issue();
		refuse("a root of the same name with another key", "self-signed certificate in certificate chain", twinRoot,
				twin.client("CN=twin,O=chains").issue().presenting(twin.certificate()), RejectionReason.UNTRUSTED);

		// the trusted root's own certificate (issue 17, point 1)
		CertificateAuthority ncRoot = TestPki.rootCa("CN=Name Constrained Root CA,O=chains")
			.permittedDns("example.org")
			.permittedDirectory("O=chains")
			.issue();
		refuse("a DNS name outside the root's name constraints", "permitted subtree violation", ncRoot,
				ncRoot.client("CN=outside-root,O=chains").dns("evil.test").issue(), RejectionReason.NAME_CONSTRAINTS);
		refuse("a subject outside the root's directory name constraints", "permitted subtree violation", ncRoot,
				ncRoot.client("CN=elsewhere,O=other").dns("api.example.org").issue(), RejectionReason.NAME_CONSTRAINTS);
		accept("names inside the root's name constraints", "OK", ncRoot,
				ncRoot.client("CN=inside-root,O=chains").dns("api.example.org").issue());
		CertificateAuthority excludingRoot = TestPki.rootCa("CN=Excluding Root CA,O=chains")
			.excludedDns("evil.example.org")
			.excludedIp(new byte[] { 10, 0, 0, 0, (byte) 255, 0, 0, 0 })
			.issue();
		refuse("a DNS name in the root's excluded subtree", "excluded subtree violation", excludingRoot,
				excludingRoot.client("CN=excluded,O=chains").dns("x.evil.example.org").issue(),
				RejectionReason.NAME_CONSTRAINTS);
		refuse("an IP address in the root's excluded range", "excluded subtree violation", excludingRoot,
				excludingRoot.client("CN=excluded-ip,O=chains").ip("10.1.2.3").issue(),
				RejectionReason.NAME_CONSTRAINTS);
		CertificateAuthority criticalExtensionRoot = TestPki.rootCa("CN=Critical Root CA,O=chains")
			.unknownCriticalExtension("1.3.6.1.4.1.55555.2")
			.issue();
		refuse("an unknown critical extension in the root", "unhandled critical extension", criticalExtensionRoot,
				criticalExtensionRoot.client("CN=under-critical-root,O=chains").issue(),
				RejectionReason.CRITICAL_EXTENSION);
		CertificateAuthority expiredRoot = TestPki.rootCa("CN=Expired Root CA,O=chains").expired().issue();
		refuse("a root past its notAfter", "certificate has expired", expiredRoot,
				expiredRoot.client("CN=under-expired-root,O=chains").issue(), RejectionReason.EXPIRED);
		CertificateAuthority noSignRootItself = TestPki.rootCa("CN=Root Without Cert Sign,O=chains")
			.keyUsage(KeyUsage.CRL_SIGN)
			.issue();
		refuse("a root without keyCertSign", "key usage does not include certificate signing", noSignRootItself,
				noSignRootItself.client("CN=under-no-sign-root,O=chains").issue(), RejectionReason.UNTRUSTED);
		CertificateAuthority anchorParent = root("Constrained Anchor Parent");
		CertificateAuthority constrainedAnchor = anchorParent.intermediateCa("CN=Constrained Anchor")
			.permittedDns("example.org")
			.issue();
		refuse("a name outside a trusted intermediate's constraints", "-partial_chain: permitted subtree violation",
				constrainedAnchor, constrainedAnchor.client("CN=outside-anchor,O=chains").dns("evil.test").issue(),
				RejectionReason.NAME_CONSTRAINTS);
		CertificateAuthority expiredAnchor = root("Expired Anchor Parent").intermediateCa("CN=Expired Anchor")
			.expired()
			.issue();
		refuse("a trusted intermediate past its notAfter", "-partial_chain: certificate has expired", expiredAnchor,
				expiredAnchor.client("CN=under-expired-anchor,O=chains").issue(), RejectionReason.EXPIRED);

		// malformed names and constraints (issue 17, point 2)
		CertificateAuthority malformedRoot = root("Malformed Names");
		CertificateAuthority permitting = malformedRoot.intermediateCa("CN=Permits Example Org")
			.permittedDns("example.org")
			.permittedEmail("example.org")
			.issue();
		refuse("an invalid DNS name under constraints", "OK", malformedRoot,
				permitting.client("CN=bad-dns,O=chains").dns("api..example.org").issue(),
				RejectionReason.MALFORMED_NAME);
		refuse("an IP address of 5 octets under constraints", "OK", malformedRoot,
				permitting.client("CN=bad-ip,O=chains").ipOctets(new byte[] { 10, 0, 0, 1, 7 }).issue(),
				RejectionReason.MALFORMED_NAME);
		refuse("an e-mail address without @ under constraints", "unsupported or invalid name syntax", malformedRoot,
				permitting.client("CN=bad-email,O=chains").email("alice.example.org").issue(),
				RejectionReason.MALFORMED_NAME);
		refuse("a wildcard DNS constraint", "permitted subtree violation", malformedRoot,
				malformedRoot.intermediateCa("CN=Wildcard Constraint")
					.permittedDns("*.example.org")
					.issue()
					.client("CN=under-wildcard,O=chains")
					.dns("api.example.org")
					.issue(),
				RejectionReason.MALFORMED_NAME);
		refuse("a DNS constraint with a leading period", "OK", malformedRoot,
				malformedRoot.intermediateCa("CN=Leading Period Constraint")
					.permittedDns(".example.org")
					.issue()
					.client("CN=under-leading-period,O=chains")
					.dns("api.example.org")
					.issue(),
				RejectionReason.MALFORMED_NAME);
		refuse("an IP constraint of 4 octets", "unsupported or invalid name syntax", malformedRoot,
				malformedRoot.intermediateCa("CN=Short IP Constraint")
					.permittedIp(new byte[] { 10, 0, 0, 0 })
					.issue()
					.client("CN=under-short-ip,O=chains")
					.ip("10.0.0.1")
					.issue(),
				RejectionReason.MALFORMED_NAME);

		// name constraints where RFC 5280 forbids them (issue 17, point 3)
		CertificateAuthority placementRoot = root("Constraint Placement");
		refuse("name constraints in an end-entity certificate", "OK", placementRoot,
				placementRoot.client("CN=constrained-leaf,O=chains").permittedDns("example.org").issue(),
				RejectionReason.NAME_CONSTRAINTS);
		refuse("name constraints not marked critical in a CA", "OK", placementRoot,
				placementRoot.intermediateCa("CN=Non Critical Constraints")
					.permittedDns("example.org")
					.nameConstraintsNotCritical()
					.issue()
					.client("CN=under-non-critical,O=chains")
					.dns("api.example.org")
					.issue(),
				RejectionReason.NAME_CONSTRAINTS);

		// backtracking over candidate issuers (issue 17)
		CertificateAuthority renewingRoot = root("Renewing");
		CertificateAuthority oldIntermediate = renewingRoot.intermediateCa("CN=Renewed Intermediate").expired().issue();
		CertificateAuthority renewedIntermediate = renewingRoot.intermediateCa("CN=Renewed Intermediate")
			.keyPair(oldIntermediate.keyPair())
			.issue();
		accept("an expired intermediate first, its renewal second", "OK", renewingRoot,
				oldIntermediate.client("CN=renewed,O=chains")
					.issue()
					.presenting(oldIntermediate.certificate(), renewedIntermediate.certificate()));
		CertificateAuthority crossRoot = root("Cross");
		CertificateAuthority narrow = crossRoot.intermediateCa("CN=Cross Intermediate")
			.permittedDns("narrow.example.org")
			.issue();
		CertificateAuthority wide = crossRoot.intermediateCa("CN=Cross Intermediate").keyPair(narrow.keyPair()).issue();
		accept("a constraint-violating intermediate first, an unconstrained twin second", "permitted subtree violation",
				crossRoot,
				narrow.client("CN=crossed,O=chains")
					.dns("wide.example.org")
					.issue()
					.presenting(narrow.certificate(), wide.certificate()));

		// the RFC 5280 profile: accepted by standard, refused by strict (issue 17, point
		// 4)
		CertificateAuthority profileRoot = root("Profile");
		strictOnly("an intermediate without authority key identifier", "-x509_strict: Missing Authority Key Identifier",
				profileRoot,
				profileRoot.intermediateCa("CN=No AKI Intermediate")
					.noAuthorityKeyIdentifier()
					.issue()
					.client("CN=under-no-aki,O=chains")
					.issue());
		strictOnly("a CA without subject key identifier", "-x509_strict: Missing Subject Key Identifier", profileRoot,
				profileRoot.intermediateCa("CN=No SKI Intermediate")
					.noSubjectKeyIdentifier()
					.issue()
					.client("CN=under-no-ski,O=chains")
					.issue());
		strictOnly("keyCertSign in an end-entity certificate",
				"-x509_strict: Key usage keyCertSign invalid for non-CA cert", profileRoot,
				profileRoot.client("CN=signing-leaf,O=chains")
					.keyUsage(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_CERT_SIGN)
					.issue());
		strictOnly("basic constraints not critical in a CA",
				"-x509_strict: Basic Constraints of CA cert not marked critical", profileRoot,
				profileRoot.intermediateCa("CN=Non Critical Basic Constraints")
					.basicConstraintsNotCritical()
					.issue()
					.client("CN=under-non-critical-bc,O=chains")
					.issue());
		STRICT.add(new Case("a conforming chain", "-x509_strict: OK", List.of(profileRoot.certificate()),
				profileRoot.intermediateCa("CN=Conforming Intermediate")
					.issue()
					.client("CN=conforming,O=chains")
					.issue(),
				null));
	}

	private ChainCases() {
	}

	/**
	 * Returns the cases judged with {@link ChainValidation#STANDARD}.
	 * @return the cases
	 */
	public static Stream<Case> standard() {
		return STANDARD.stream();
	}

	/**
	 * Returns the cases judged with {@link ChainValidation#STRICT}.
	 * @return the cases
	 */
	public static Stream<Case> strict() {
		return STRICT.stream();
	}

	/**
	 * Returns every trusted certificate of the cases, for a server that judges them all.
	 * @param cases the cases
	 * @return the union of their trust
	 */
	public static List<X509Certificate> trust(Stream<Case> cases) {
		return cases.flatMap((c) -> c.trust().stream()).distinct().toList();
	}

	private static CertificateAuthority root(String name) {
		return TestPki.rootCa("CN=" + name + " Root CA,O=chains").issue();
	}

	private static void accept(String name, String openssl, CertificateAuthority trusted, IssuedCertificate client) {
		STANDARD.add(new Case(name, openssl, List.of(trusted.certificate()), client, null));
	}

	private static void refuse(String name, String openssl, CertificateAuthority trusted, IssuedCertificate client,
			RejectionReason reason) {
		STANDARD.add(new Case(name, openssl, List.of(trusted.certificate()), client, reason));
	}

	private static void strictOnly(String name, String openssl, CertificateAuthority trusted,
			IssuedCertificate client) {
		STANDARD.add(new Case(name, "OK", List.of(trusted.certificate()), client, null));
		STRICT.add(new Case(name, openssl, List.of(trusted.certificate()), client, RejectionReason.PROFILE));
	}

	private static X509Certificate tampered(X509Certificate certificate) {
		try {
			byte[] der = certificate.getEncoded();
			// the last byte belongs to the signature
			der[der.length - 1] ^= 0x01;
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One chain and its verdict.
	 *
	 * @param name what the chain shows
	 * @param openssl what {@code openssl verify} says of it: {@code OK} or its error,
	 * after the flags it needs and a colon when it needs some
	 * @param trust the trusted certificates
	 * @param client the client's key and the chain it presents
	 * @param reason why the server refuses it, or {@code null} when it accepts it
	 */
	public record Case(String name, String openssl, List<X509Certificate> trust, IssuedCertificate client,
			RejectionReason reason) {

		/**
		 * Returns the {@code openssl verify} flags the case is judged with.
		 * @return the flags, possibly none
		 */
		public List<String> opensslFlags() {
			int colon = this.openssl.indexOf(':');
			return (colon < 0) ? List.of() : List.of(this.openssl.substring(0, colon).split(" "));
		}

		/**
		 * Returns what {@code openssl verify} prints: {@code OK} or its error text.
		 * @return the verdict
		 */
		public String opensslVerdict() {
			return this.openssl.substring(this.openssl.indexOf(':') + 1).trim();
		}

		@Override
		public String toString() {
			return this.name + " (" + ((this.reason != null) ? this.reason.code() : "accepted") + "; openssl "
					+ this.openssl + ")";
		}

	}

}
