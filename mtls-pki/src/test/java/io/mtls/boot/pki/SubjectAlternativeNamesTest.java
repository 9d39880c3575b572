package io.mtls.boot.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

class SubjectAlternativeNamesTest {

	private static final String UPN_OID = "1.3.6.1.4.1.311.20.2.3";

	private static final int OTHER_NAME = 0;

	private static final int RFC822_NAME = 1;

	private static final int DNS_NAME = 2;

	private static final int URI = 6;

	private static final int IP_ADDRESS = 7;

	private static CertificateAuthority root;

	@BeforeAll
	static void createRoot() {
		root = TestPki.rootCa("CN=SAN Root").issue();
	}

	@Test
	void dnsNamesRoundTrip() throws Exception {
		X509Certificate certificate = root.server("CN=web").dns("example.com", "*.example.com").issue().certificate();

		assertThat(names(certificate)).containsExactly(tuple(DNS_NAME, "example.com"),
				tuple(DNS_NAME, "*.example.com"));
	}

	@Test
	void svidCarriesItsSpiffeIdAsTheOnlyUriAndServesBothWays() throws Exception {
		X509Certificate certificate = root.svid("spiffe://example.org/ns/orders/sa/api").issue().certificate();

		assertThat(names(certificate)).containsExactly(tuple(URI, "spiffe://example.org/ns/orders/sa/api"));
		assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
		assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
		assertThat(certificate.getNotAfter().getTime() - certificate.getNotBefore().getTime())
			.isLessThanOrEqualTo(Duration.ofHours(2).toMillis());
	}

	@Test
	void svidRefusesAnIdThatIsNotASpiffeId() {
		assertThatIllegalArgumentException().isThrownBy(() -> root.svid("https://example.org/api"))
			.withMessageContaining("spiffe://");
	}

	@Test
	void ipv4AndIpv6AddressesRoundTrip() throws Exception {
		X509Certificate certificate = root.server("CN=ip").ip("10.1.2.3", "::1", "2001:db8::42").issue().certificate();

		assertThat(names(certificate)).containsExactly(tuple(IP_ADDRESS, "10.1.2.3"),
				tuple(IP_ADDRESS, "0:0:0:0:0:0:0:1"), tuple(IP_ADDRESS, "2001:db8:0:0:0:0:0:42"));
	}

	@Test
	void urisRoundTrip() throws Exception {
		X509Certificate certificate = root.client("CN=workload")
			.uri("spiffe://example.org/ns/default/sa/app")
			.issue()
			.certificate();

		assertThat(names(certificate)).containsExactly(tuple(URI, "spiffe://example.org/ns/default/sa/app"));
	}

	@Test
	void emailAddressesRoundTripAsRfc822Names() throws Exception {
		X509Certificate certificate = root.client("CN=alice").email("alice@example.com").issue().certificate();

		assertThat(names(certificate)).containsExactly(tuple(RFC822_NAME, "alice@example.com"));
	}

	@Test
	void userPrincipalNamesRoundTripAsUtf8OtherNames() throws Exception {
		X509Certificate certificate = root.client("CN=alice").upn("alice@corp.example.com").issue().certificate();

		List<?> reported = certificate.getSubjectAlternativeNames().iterator().next();
		assertThat(reported.get(0)).isEqualTo(OTHER_NAME);
		// The JDK re-encodes an otherName with one more explicit [0] around the value
		// than the certificate has.
		OtherName reportedName = OtherName.getInstance(ASN1Primitive.fromByteArray((byte[]) reported.get(1)));
		assertThat(reportedName.getTypeID().getId()).isEqualTo(UPN_OID);
		ASN1TaggedObject reportedValue = ASN1TaggedObject.getInstance(reportedName.getValue());
		assertThat(reportedValue.getTagNo()).isZero();
		assertThat(ASN1UTF8String.getInstance(reportedValue.getExplicitBaseObject()).getString())
			.isEqualTo("alice@corp.example.com");

		byte[] extension = certificate.getExtensionValue(Extension.subjectAlternativeName.getId());
		GeneralName encoded = GeneralNames.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension))
			.getNames()[0];
		assertThat(encoded.getTagNo()).isEqualTo(GeneralName.otherName);
		OtherName otherName = OtherName.getInstance(encoded.getName());
		assertThat(otherName.getTypeID().getId()).isEqualTo(UPN_OID);
		assertThat(ASN1UTF8String.getInstance(otherName.getValue()).getString()).isEqualTo("alice@corp.example.com");
	}

	@Test
	void namesOfAllKindsAreKeptInOrder() throws Exception {
		X509Certificate certificate = root.client("CN=everything")
			.dns("a.example.com")
			.ip("127.0.0.1")
			.uri("urn:example:a")
			.email("a@example.com")
			.upn("a@example.com")
			.issue()
			.certificate();

		assertThat(certificate.getSubjectAlternativeNames().stream().map((name) -> (Integer) name.get(0)))
			.containsExactly(DNS_NAME, IP_ADDRESS, URI, RFC822_NAME, OTHER_NAME);
		assertThat(certificate.getNonCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
	}

	@Test
	void localhostServerCoversLocalhostAndBothLoopbackAddresses() throws Exception {
		X509Certificate certificate = root.localhostServer().certificate();

		assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
		assertThat(names(certificate)).containsExactly(tuple(DNS_NAME, "localhost"), tuple(IP_ADDRESS, "127.0.0.1"),
				tuple(IP_ADDRESS, "0:0:0:0:0:0:0:1"));
	}

	@Test
	void certificateWithoutNamesHasNoExtension() throws Exception {
		assertThat(root.leaf("CN=plain").issue().certificate().getSubjectAlternativeNames()).isNull();
	}

	@Test
	void namesAreCriticalWhenTheSubjectIsEmpty() {
		X509Certificate certificate = root.leaf("").dns("anonymous.example.com").issue().certificate();

		assertThat(certificate.getSubjectX500Principal().getName()).isEmpty();
		assertThat(certificate.getCriticalExtensionOIDs()).contains(Extension.subjectAlternativeName.getId());
	}

	@Test
	void ipRejectsHostNames() {
		CertificateSpec<IssuedCertificate> spec = root.server("CN=bad-ip");

		assertThatIllegalArgumentException().isThrownBy(() -> spec.ip("localhost")).withMessageContaining("localhost");
	}

	private static List<org.assertj.core.groups.Tuple> names(X509Certificate certificate) throws Exception {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		List<org.assertj.core.groups.Tuple> tuples = new ArrayList<>();
		for (List<?> name : names) {
			tuples.add(tuple(name.get(0), name.get(1)));
		}
		return tuples;
	}

}
