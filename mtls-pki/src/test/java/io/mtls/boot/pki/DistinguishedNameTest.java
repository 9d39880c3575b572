package io.mtls.boot.pki;

import java.util.List;

import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DistinguishedNameTest {

	private static CertificateAuthority root;

	@BeforeAll
	static void createRoot() {
		root = TestPki.rootCa("CN=DN Root,O=Example").issue();
	}

	@Test
	void mostSpecificRdnComesFirstAsInRfc4514() throws Exception {
		X500Principal subject = subjectOf("CN=alice,OU=ops,O=Example");

		assertThat(subject.getName()).isEqualTo("CN=alice,OU=ops,O=Example");
		// LdapName lists RDNs from the rightmost (most general), which is also the DER
		// order.
		assertThat(new LdapName(subject.getName()).getRdns()).extracting(Rdn::toString)
			.containsExactly("O=Example", "OU=ops", "CN=alice");
	}

	@Test
	void escapedCommaStaysInsideTheValue() throws Exception {
		X500Principal subject = subjectOf("CN=a\\,OU=admin,O=Example");

		// The JDK also escapes '=' when rendering, so compare structure rather than the
		// string.
		assertThat(subject).isEqualTo(new X500Principal("CN=a\\,OU=admin,O=Example"));
		List<Rdn> rdns = new LdapName(subject.getName()).getRdns();
		assertThat(rdns).hasSize(2);
		assertThat(rdns.get(1).getType()).isEqualTo("CN");
		assertThat(rdns.get(1).getValue()).isEqualTo("a,OU=admin");
	}

	@Test
	void otherEscapedSpecialCharactersArePreserved() throws Exception {
		X500Principal subject = subjectOf("CN=a\\+b\\=c\\;d\\\"e\\\\f,O=Example");

		List<Rdn> rdns = new LdapName(subject.getName()).getRdns();
		assertThat(rdns).hasSize(2);
		assertThat(rdns.get(1).size()).isEqualTo(1);
		assertThat(rdns.get(1).getValue()).isEqualTo("a+b=c;d\"e\\f");
		assertThat(subject).isEqualTo(new X500Principal("CN=a\\+b\\=c\\;d\\\"e\\\\f,O=Example"));
	}

	@Test
	void multiValuedRdnKeepsBothAttributesInOneRdn() throws Exception {
		X500Principal subject = subjectOf("OU=a+CN=b,O=Example");

		List<Rdn> rdns = new LdapName(subject.getName()).getRdns();
		assertThat(rdns).hasSize(2);
		assertThat(rdns.get(0)).isEqualTo(new Rdn("O=Example"));
		assertThat(rdns.get(1).size()).isEqualTo(2);
		assertThat(rdns.get(1).toAttributes().get("OU").get()).isEqualTo("a");
		assertThat(rdns.get(1).toAttributes().get("CN").get()).isEqualTo("b");
		assertThat(new LdapName(subject.getName())).isEqualTo(new LdapName("OU=a+CN=b,O=Example"));
		assertThat(subject).isEqualTo(new X500Principal("OU=a+CN=b,O=Example"));
	}

	@Test
	void ldapStyleNamesRoundTrip() {
		assertThat(subjectOf("UID=alice,DC=example,DC=com").getName()).isEqualTo("UID=alice,DC=example,DC=com");
		assertThat(subjectOf("CN=Jane Doe,OU=R&D,O=Example Corp,L=Berlin,ST=Berlin,C=DE").getName())
			.isEqualTo("CN=Jane Doe,OU=R&D,O=Example Corp,L=Berlin,ST=Berlin,C=DE");
	}

	@Test
	void issuerNameOfIssuedCertificateIsTheCaSubject() {
		IssuedCertificate issued = root.client("CN=bob").issue();

		assertThat(issued.certificate().getIssuerX500Principal().getName()).isEqualTo("CN=DN Root,O=Example");
		assertThat(issued.certificate().getIssuerX500Principal().getEncoded())
			.isEqualTo(root.certificate().getSubjectX500Principal().getEncoded());
	}

	private static X500Principal subjectOf(String subjectDn) {
		return root.client(subjectDn).issue().certificate().getSubjectX500Principal();
	}

}
