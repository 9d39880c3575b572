package io.mtls.boot.core.identity;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.pki.ExtendedKeyUsage;
import io.mtls.boot.pki.IssuedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.mtls.boot.core.identity.IdentityTestPki.INTERMEDIATE;
import static io.mtls.boot.core.identity.IdentityTestPki.ROOT;
import static io.mtls.boot.core.identity.IdentityTestPki.client;
import static io.mtls.boot.core.identity.IdentityTestPki.identity;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading the identity of a client from its certificate chain.
 */
class ClientIdentityTests {

	@Test
	void readsSubjectAlternativeNamesOfEveryKindInOrder() {
		ClientIdentity identity = identity(ROOT.client("CN=everything")
			.dns("a.example.org", "b.example.org")
			.ip("10.1.2.3", "2001:db8::42")
			.uri("urn:example:a", "https://example.org/clients/a")
			.email("alice@example.org", "alice@example.com")
			.upn("alice@corp.example.org", "alice.admin@corp.example.org"));

		assertThat(identity.dnsNames()).containsExactly("a.example.org", "b.example.org");
		assertThat(identity.ipAddresses()).containsExactly("10.1.2.3", "2001:db8:0:0:0:0:0:42");
		assertThat(identity.uris()).containsExactly("urn:example:a", "https://example.org/clients/a");
		assertThat(identity.emails()).containsExactly("alice@example.org", "alice@example.com");
		assertThat(identity.userPrincipalNames()).containsExactly("alice@corp.example.org",
				"alice.admin@corp.example.org");
		assertThat(identity.spiffeId()).isEmpty();
	}

	@Test
	void certificateWithoutSubjectAlternativeNamesHasEmptyLists() {
		ClientIdentity identity = client("CN=plain");

		assertThat(identity.dnsNames()).isEmpty();
		assertThat(identity.ipAddresses()).isEmpty();
		assertThat(identity.uris()).isEmpty();
		assertThat(identity.emails()).isEmpty();
		assertThat(identity.userPrincipalNames()).isEmpty();
	}

	@Test
	void userPrincipalNameKeepsNonAsciiCharacters() {
		assertThat(identity(ROOT.client("CN=j").upn("j\u00fcrgen@example.org")).userPrincipalNames())
			.containsExactly("j\u00fcrgen@example.org");
	}

	@Test
	void singleValidSpiffeUriIsTheSpiffeId() {
		ClientIdentity identity = identity(
				ROOT.client("CN=billing").uri("urn:example:billing", "spiffe://example.org/ns/prod/sa/billing"));

		assertThat(identity.spiffeId()).map(SpiffeId::toString).contains("spiffe://example.org/ns/prod/sa/billing");
		assertThat(identity.uris()).hasSize(2);
	}

	@Test
	void invalidSpiffeUriIsNoSpiffeIdButStaysAUri() {
		ClientIdentity identity = identity(ROOT.client("CN=billing").uri("spiffe://example.org/ns/prod/"));

		assertThat(identity.spiffeId()).isEmpty();
		assertThat(identity.uris()).containsExactly("spiffe://example.org/ns/prod/");
	}

	@Test
	void twoSpiffeUrisAreAmbiguous() {
		IssuedCertificate issued = ROOT.client("CN=two")
			.uri("spiffe://example.org/ns/prod/sa/billing", "spiffe://example.org/ns/prod/sa/admin")
			.issue();

		assertThatExceptionOfType(ClientIdentityException.class).isThrownBy(() -> ClientIdentity.of(issued.chain()))
			.withMessageContaining("spiffe://example.org/ns/prod/sa/admin")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SPIFFE_ID));
	}

	@Test
	void invalidSecondSpiffeUriStillMakesTheIdAmbiguous() {
		IssuedCertificate issued = ROOT.client("CN=two")
			.uri("spiffe://example.org/ns/prod/sa/billing", "SPIFFE://example.org/ns/prod/sa/admin")
			.issue();

		assertThatExceptionOfType(ClientIdentityException.class).isThrownBy(() -> ClientIdentity.of(issued.chain()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_SPIFFE_ID));
	}

	@Test
	void commonNameIsFoundWhereverItSits() {
		assertThat(client("CN=alice,OU=ops,O=Example").commonName()).contains("alice");
		assertThat(client("OU=a+CN=b,O=Example").commonName()).contains("b");
		assertThat(client("OU=ops,O=Example").commonName()).isEmpty();
	}

	@Test
	void escapedCommaIsPartOfTheCommonName() {
		ClientIdentity identity = client("CN=alice\\,OU=admin,O=Example");

		assertThat(identity.commonName()).contains("alice,OU=admin");
		assertThat(identity.subject().values("OU")).isEmpty();
	}

	@Test
	void twoCommonNamesAreAmbiguous() {
		ClientIdentity identity = client("CN=alice,CN=admin,O=Example");

		assertThatExceptionOfType(ClientIdentityException.class).isThrownBy(identity::commonName)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_COMMON_NAME));
		assertThatExceptionOfType(ClientIdentityException.class)
			.isThrownBy(() -> identity.principalName(PrincipalSource.CN))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_COMMON_NAME));
	}

	@Test
	void commonNamesInOneMultiValuedRdnAreAmbiguousToo() {
		ClientIdentity identity = client("CN=a+CN=b,O=Example");

		assertThatExceptionOfType(ClientIdentityException.class).isThrownBy(identity::commonName)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.AMBIGUOUS_COMMON_NAME));
	}

	@Test
	void clientOfAnIntermediateCaHasTheIntermediateAsIssuer() {
		IssuedCertificate issued = INTERMEDIATE.client("CN=alice,O=Example").issue();
		ClientIdentity identity = ClientIdentity.of(issued.chain());

		assertThat(identity.issuer()).isEqualTo(DistinguishedName.parse("CN=Identity Intermediate,O=Example"));
		assertThat(identity.subject()).isEqualTo(DistinguishedName.parse("CN=alice,O=Example"));
		assertThat(identity.chain()).containsExactly(issued.certificate(), INTERMEDIATE.certificate());
		assertThat(identity.certificate()).isSameAs(issued.certificate());
	}

	@Test
	void readsSerialFingerprintAndValidity() {
		IssuedCertificate issued = ROOT.client("CN=alice").serial(new BigInteger("0a1b2c", 16)).issue();
		X509Certificate certificate = issued.certificate();
		ClientIdentity identity = ClientIdentity.of(issued.chain());

		assertThat(identity.serialNumber()).isEqualTo(new BigInteger("0a1b2c", 16));
		assertThat(identity.serialNumberHex()).isEqualTo("a1b2c");
		assertThat(identity.sha256Fingerprint()).isEqualTo(issued.sha256Fingerprint()).hasSize(64);
		assertThat(identity.notBefore()).isEqualTo(certificate.getNotBefore().toInstant());
		assertThat(identity.notAfter()).isEqualTo(certificate.getNotAfter().toInstant());
	}

	@Test
	void readsExtendedKeyUsages() {
		ClientIdentity both = identity(
				ROOT.client("CN=both").extendedKeyUsage(ExtendedKeyUsage.CLIENT_AUTH, ExtendedKeyUsage.SERVER_AUTH));
		ClientIdentity none = identity(ROOT.client("CN=none").noExtendedKeyUsage());

		assertThat(both.extendedKeyUsages()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.2", "1.3.6.1.5.5.7.3.1");
		assertThat(both.hasExtendedKeyUsageExtension()).isTrue();
		assertThat(none.extendedKeyUsages()).isEmpty();
		assertThat(none.hasExtendedKeyUsageExtension()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(value = ExtendedKeyUsage.class, names = { "CLIENT_AUTH", "ANY" })
	void permitsClientAuthenticationForClientAuthAndAnyPurpose(ExtendedKeyUsage usage) {
		assertThat(ClientIdentity.permitsClientAuthentication(certificate(usage))).isTrue();
	}

	@Test
	void permitsClientAuthenticationWithoutExtendedKeyUsageExtension() {
		assertThat(ClientIdentity
			.permitsClientAuthentication(ROOT.client("CN=none").noExtendedKeyUsage().issue().certificate())).isTrue();
	}

	@Test
	void permitsClientAuthenticationWhenClientAuthIsOneOfSeveralPurposes() {
		assertThat(ClientIdentity
			.permitsClientAuthentication(certificate(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH)))
			.isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = ExtendedKeyUsage.class, names = { "SERVER_AUTH", "CODE_SIGNING", "EMAIL_PROTECTION" })
	void refusesClientAuthenticationForOtherPurposesOnly(ExtendedKeyUsage usage) {
		assertThat(ClientIdentity.permitsClientAuthentication(certificate(usage))).isFalse();
	}

	@Test
	void principalNameComesFromTheChosenSource() {
		IssuedCertificate issued = ROOT.client("CN=alice,O=Example")
			.dns("alice.example.org", "second.example.org")
			.email("alice@example.org")
			.uri("urn:example:alice", "spiffe://example.org/alice")
			.issue();
		ClientIdentity identity = ClientIdentity.of(issued.chain());

		assertThat(identity.principalName(PrincipalSource.CN)).isEqualTo("alice");
		assertThat(identity.principalName(PrincipalSource.DN)).isEqualTo("CN=alice,O=Example");
		assertThat(identity.principalName(PrincipalSource.SPIFFE_ID)).isEqualTo("spiffe://example.org/alice");
		assertThat(identity.principalName(PrincipalSource.SAN_DNS)).isEqualTo("alice.example.org");
		assertThat(identity.principalName(PrincipalSource.SAN_EMAIL)).isEqualTo("alice@example.org");
		assertThat(identity.principalName(PrincipalSource.SAN_URI)).isEqualTo("urn:example:alice");
		assertThat(identity.principalName(PrincipalSource.FINGERPRINT)).isEqualTo(issued.sha256Fingerprint());
	}

	@ParameterizedTest
	@EnumSource(value = PrincipalSource.class, names = { "CN", "DN", "SPIFFE_ID", "SAN_DNS", "SAN_EMAIL", "SAN_URI" })
	void missingPrincipalIsAnError(PrincipalSource source) {
		ClientIdentity identity = identity(ROOT.leaf("").ip("10.0.0.1"));

		assertThatExceptionOfType(ClientIdentityException.class).isThrownBy(() -> identity.principalName(source))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.NO_PRINCIPAL));
	}

	@Test
	void emptySubjectHasNoDnPrincipalButAFingerprint() {
		ClientIdentity identity = identity(ROOT.leaf("").dns("anonymous.example.org"));

		assertThat(identity.subject().isEmpty()).isTrue();
		assertThat(identity.principalName(PrincipalSource.FINGERPRINT)).hasSize(64);
	}

	@Test
	void identitiesAreEqualWhenTheirCertificatesAre() {
		IssuedCertificate issued = ROOT.client("CN=alice,O=Example").issue();
		ClientIdentity identity = ClientIdentity.of(issued.chain());
		ClientIdentity again = ClientIdentity.of(List.of(issued.certificate()));
		ClientIdentity sameSubject = client("CN=alice,O=Example");

		assertThat(identity).isEqualTo(again).hasSameHashCodeAs(again).isNotEqualTo(sameSubject);
		assertThat(identity).hasToString(
				"ClientIdentity[CN=alice,O=Example, sha256:" + issued.sha256Fingerprint().substring(0, 16) + "...]");
	}

	@Test
	void emptyChainIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClientIdentity.of(List.of()));
	}

	private static X509Certificate certificate(ExtendedKeyUsage... usages) {
		return ROOT.client("CN=purpose").extendedKeyUsage(usages).issue().certificate();
	}

}
