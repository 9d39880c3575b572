package io.mtls.boot.core.tls;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.cert.X509Certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Path building and validation in process, over the shared {@link ChainCases}; the
 * handshake tests prove the same verdicts through Tomcat and Jetty.
 */
class ClientChainValidatorTests {

	static Stream<ChainCases.Case> standard() {
		return ChainCases.standard();
	}

	static Stream<ChainCases.Case> strict() {
		return ChainCases.strict();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("standard")
	void standardValidation(ChainCases.Case chainCase) {
		assertVerdict(chainCase, ChainValidation.STANDARD);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("strict")
	void strictValidation(ChainCases.Case chainCase) {
		assertVerdict(chainCase, ChainValidation.STRICT);
	}

	@Test
	void acceptedPathEndsWithTheTrustedCertificate() throws ChainRejectedException {
		CertificateAuthority root = TestPki.rootCa("CN=Path Root").issue();
		CertificateAuthority intermediate = root.intermediateCa("CN=Path Intermediate").issue();
		IssuedCertificate client = intermediate.client("CN=path").issue();
		List<X509Certificate> path = validator(root).validate(client.chain());
		assertThat(path).containsExactly(client.certificate(), intermediate.certificate(), root.certificate());
	}

	@Test
	void moreCertificatesThanTheJdkAcceptsAreRefusedBeforeAnyWork() {
		CertificateAuthority root = TestPki.rootCa("CN=Long Root").issue();
		IssuedCertificate client = root.client("CN=long").issue();
		X509Certificate[] padding = new X509Certificate[ClientChainValidator.MAX_PRESENTED];
		java.util.Arrays.fill(padding, root.certificate());
		assertThatExceptionOfType(ChainRejectedException.class)
			.isThrownBy(() -> validator(root).validate(client.presenting(padding).chain()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.UNTRUSTED))
			.withMessageContaining("at most " + ClientChainValidator.MAX_PRESENTED);
	}

	@Test
	void manySameNameIntermediatesEndTheSearchWithinItsBounds() {
		CertificateAuthority root = TestPki.rootCa("CN=Crowded Root").issue();
		// nine CAs of one name, none issued by the root: every order is a candidate path
		List<X509Certificate> crowd = new ArrayList<>();
		CertificateAuthority elsewhere = TestPki.rootCa("CN=Crowded Root").issue();
		for (int i = 0; i < ClientChainValidator.MAX_PRESENTED - 1; i++) {
			crowd.add(elsewhere.intermediateCa("CN=Crowd").issue().certificate());
		}
		IssuedCertificate client = elsewhere.intermediateCa("CN=Crowd")
			.issue()
			.client("CN=crowded")
			.issue()
			.presenting(crowd.toArray(X509Certificate[]::new));
		assertThatExceptionOfType(ChainRejectedException.class)
			.isThrownBy(() -> validator(root).validate(client.chain()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(RejectionReason.UNTRUSTED));
	}

	@Test
	void emptyChainIsRefused() {
		assertThatExceptionOfType(ChainRejectedException.class)
			.isThrownBy(() -> validator(TestPki.rootCa("CN=Any").issue()).validate(List.of()))
			.withMessage("the client sent an empty certificate chain");
	}

	private static ClientChainValidator validator(CertificateAuthority root) {
		return new ClientChainValidator(List.of(root.certificate()), ChainValidation.STANDARD, Clock.systemUTC());
	}

	private static void assertVerdict(ChainCases.Case chainCase, ChainValidation validation) {
		ClientChainValidator validator = new ClientChainValidator(chainCase.trust(), validation, Clock.systemUTC());
		List<X509Certificate> chain = chainCase.client().chain();
		if (chainCase.reason() == null) {
			try {
				assertThat(validator.validate(chain)).startsWith(chain.get(0));
			}
			catch (ChainRejectedException ex) {
				throw new AssertionError("expected acceptance, got " + ex.reason() + ": " + ex.getMessage(), ex);
			}
		}
		else {
			assertThatExceptionOfType(ChainRejectedException.class).isThrownBy(() -> validator.validate(chain))
				.satisfies((ex) -> assertThat(ex.reason()).as(ex.getMessage()).isEqualTo(chainCase.reason()));
		}
	}

}
