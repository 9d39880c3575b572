package io.mtls.boot.core.identity;

import java.util.List;

import javax.security.auth.x500.X500Principal;

import io.mtls.boot.core.identity.DistinguishedName.Attribute;
import io.mtls.boot.core.identity.DistinguishedName.Rdn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Parsing distinguished names from strings and certificate principals.
 */
class DistinguishedNameTests {

	@Test
	void keepsStringOrderAndCanonicalizesTypes() {
		DistinguishedName name = DistinguishedName
			.parse("cn=alice, ou=ops ,2.5.4.10=Example,OID.2.5.4.6=DE,S=Berlin,e=alice@example.org,x-custom=1");

		assertThat(name.rdns()).containsExactly(rdn("CN", "alice"), rdn("OU", "ops"), rdn("O", "Example"),
				rdn("C", "DE"), rdn("ST", "Berlin"), rdn("EMAILADDRESS", "alice@example.org"), rdn("X-CUSTOM", "1"));
		assertThat(name.values("2.5.4.3")).containsExactly("alice");
		assertThat(name.values("email")).containsExactly("alice@example.org");
	}

	@Test
	void unknownOidsStayOids() {
		assertThat(DistinguishedName.parse("oid.1.2.3.4=x,1.2.3.5=y").rdns()).containsExactly(rdn("1.2.3.4", "x"),
				rdn("1.2.3.5", "y"));
	}

	@Test
	void escapedCommaStaysInsideTheCommonName() {
		DistinguishedName name = DistinguishedName.parse("CN=alice\\,OU=admin,O=Example");

		assertThat(name.values("CN")).containsExactly("alice,OU=admin");
		assertThat(name.values("OU")).isEmpty();
		assertThat(name.rdns()).hasSize(2);
	}

	@Test
	void unescapesSpecialCharactersAndUtf8HexPairs() {
		DistinguishedName name = DistinguishedName.parse("CN=a\\+b\\=c\\;d\\\"e\\\\f\\<g\\>,O=\\41\\C3\\A9\\#");

		assertThat(name.values("CN")).containsExactly("a+b=c;d\"e\\f<g>");
		assertThat(name.values("O")).containsExactly("Aé#");
	}

	@Test
	void dropsUnescapedSpacesAroundValuesButKeepsEscapedOnes() {
		DistinguishedName name = DistinguishedName.parse("CN= two words  ,OU=\\ padded\\ ,O=Example");

		assertThat(name.values("CN")).containsExactly("two words");
		assertThat(name.values("OU")).containsExactly(" padded ");
	}

	@Test
	void keepsBinaryValuesAsLowerCaseHex() {
		assertThat(DistinguishedName.parse("CN=#0C05616C696365").values("CN")).containsExactly("#0c05616c696365");
	}

	@Test
	void multiValuedRdnHoldsEveryAttribute() {
		DistinguishedName name = DistinguishedName.parse("OU=a+CN=b,O=Example");

		assertThat(name.rdns()).hasSize(2);
		assertThat(name.rdns().get(0).attributes()).containsExactly(new Attribute("CN", "b"), new Attribute("OU", "a"));
		assertThat(name.values("CN")).containsExactly("b");
		assertThat(name.values("OU")).containsExactly("a");
	}

	@Test
	void valuesListsEveryOccurrenceInOrder() {
		DistinguishedName name = DistinguishedName.parse("CN=alice,OU=b+OU=a,OU=c,O=Example");

		assertThat(name.values("ou")).containsExactly("a", "b", "c");
		assertThat(name.values("L")).isEmpty();
	}

	@Test
	void emptyStringIsTheEmptyName() {
		assertThat(DistinguishedName.parse("").isEmpty()).isTrue();
		assertThat(DistinguishedName.parse("CN=a").isEmpty()).isFalse();
	}

	@Test
	void equalityIsStructuralAndToStringIsTheParsedString() {
		DistinguishedName written = DistinguishedName.parse("cn=alice, O=Example");
		DistinguishedName canonical = DistinguishedName.parse("CN=alice,2.5.4.10=Example");

		assertThat(written).isEqualTo(canonical).hasSameHashCodeAs(canonical);
		assertThat(written).hasToString("cn=alice, O=Example");
		assertThat(written).isNotEqualTo(DistinguishedName.parse("CN=Alice,O=Example"));
	}

	@Test
	void readsCertificateSubjectWithEscapedComma() {
		X500Principal subject = subjectOf("CN=alice\\,OU=admin,O=Example");
		DistinguishedName name = DistinguishedName.of(subject);

		assertThat(name.values("CN")).containsExactly("alice,OU=admin");
		assertThat(name.values("OU")).isEmpty();
		assertThat(name).hasToString(subject.getName());
	}

	@Test
	void readsCertificateSubjectWithMultiValuedRdn() {
		DistinguishedName name = DistinguishedName.of(subjectOf("OU=a+CN=b,O=Example"));

		assertThat(name.rdns()).containsExactly(new Rdn(List.of(new Attribute("OU", "a"), new Attribute("CN", "b"))),
				rdn("O", "Example"));
	}

	@Test
	void readsEmailAddressAndSerialNumberAsText() {
		X500Principal subject = subjectOf("EMAILADDRESS=alice@example.org,SERIALNUMBER=42,CN=alice,O=Example");
		DistinguishedName name = DistinguishedName.of(subject);

		assertThat(name.values("EMAILADDRESS")).containsExactly("alice@example.org");
		assertThat(name.values("SERIALNUMBER")).containsExactly("42");
		assertThat(name).hasToString(subject.getName());
	}

	@Test
	void readsNonAsciiValuesExactly() {
		assertThat(DistinguishedName.of(subjectOf("CN=\u0430lice,O=Example")).values("CN"))
			.containsExactly("\u0430lice");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CN=alice,OU=ops,O=Example", "CN=alice\\,OU=admin,O=Example", "OU=a+CN=b,O=Example",
			"CN=a\\+b\\=c\\;d\\\"e\\\\f,O=Example", "CN=\\ lead and trail\\ ,O=Example", "UID=alice,DC=example,DC=org",
			"CN=\u0430lice,L=M\u00fcnchen,C=DE", "CN=\\#hash\\;semi\\<lt\\>gt\\=eq,O=Example",
			"CN=tab\tnew\nline,O=Ex ample", "CN=\u212Aelvin,O=Example" })
	void readsPrincipalsAsParsingTheirRfc2253NameWould(String subject) {
		X500Principal principal = subjectOf(subject);

		assertThat(DistinguishedName.of(principal)).isEqualTo(DistinguishedName.parse(principal.getName()))
			.isEqualTo(DistinguishedName.parse(subject));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			CN=a,,O=b       | empty RDN
			CN=a,           | empty RDN
			,CN=a           | empty RDN
			CN=a+           | empty RDN
			`  `            | empty RDN
			CN              | missing '=' after the attribute type 'CN'
			CN alice        | missing '=' after the attribute type 'CN'
			=alice          | unexpected '=' where an attribute type was expected
			1CN=a           | '1CN' is not an attribute type
			CN.x=a          | 'CN.x' is not an attribute type
			2.5.04.3=a      | '2.5.04.3' is not an attribute type
			CN=a\\          | lone '\\'
			CN=a\\q         | bad escape '\\q'
			CN=a\\*         | bad escape '\\*'
			CN=\\C3         | do not form valid UTF-8
			CN=#0C0         | even number of hex digits
			CN=#            | even number of hex digits
			CN=#0C05 x      | unexpected 'x' after the hex value
			CN=a;O=b        | ';' must be escaped as \\; (separate RDNs with ',')
			CN="quoted"     | '"' must be escaped
			CN=a<b          | '<' must be escaped
			""")
	void rejectsMalformedStrings(String text, String problem) {
		assertThatIllegalArgumentException().isThrownBy(() -> DistinguishedName.parse(text))
			.withMessageStartingWith("Malformed distinguished name '" + text + "': ")
			.withMessageContaining(problem);
	}

	@Test
	void reportsWhereTheStringIsMalformed() {
		assertThatIllegalArgumentException().isThrownBy(() -> DistinguishedName.parse("CN=a,,O=b"))
			.withMessageEndingWith("(at character 6)");
	}

	private static Rdn rdn(String type, String value) {
		return new Rdn(List.of(new Attribute(type, value)));
	}

	private static X500Principal subjectOf(String subject) {
		return IdentityTestPki.ROOT.client(subject).issue().certificate().getSubjectX500Principal();
	}

}
