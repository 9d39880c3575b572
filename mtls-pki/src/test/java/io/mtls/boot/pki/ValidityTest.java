package io.mtls.boot.pki;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class ValidityTest {

	private static final Duration ONE_MINUTE = Duration.ofMinutes(1);

	private static CertificateAuthority root;

	@BeforeAll
	static void createRoot() {
		root = TestPki.rootCa("CN=Validity Root").issue();
	}

	@Test
	void defaultsDependOnTheKindOfCertificate() {
		Instant now = Instant.now();

		assertValidFromOneMinuteAgo(root.certificate(), now);
		assertThat(root.certificate().getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofDays(3650)),
				within(1, ChronoUnit.MINUTES));
		X509Certificate intermediate = root.intermediateCa("CN=Validity Intermediate").issue().certificate();
		assertThat(intermediate.getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofDays(1825)),
				within(1, ChronoUnit.MINUTES));
		for (CertificateSpec<IssuedCertificate> spec : List.of(root.server("CN=s"), root.client("CN=c"),
				root.leaf("CN=l"))) {
			X509Certificate certificate = spec.issue().certificate();
			assertValidFromOneMinuteAgo(certificate, now);
			assertThat(certificate.getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofDays(365)),
					within(1, ChronoUnit.MINUTES));
		}
	}

	@Test
	void validForStartsOneMinuteAgoAndLastsTheDuration() throws Exception {
		Instant now = Instant.now();
		X509Certificate certificate = root.client("CN=short").validFor(Duration.ofHours(2)).issue().certificate();

		certificate.checkValidity();
		assertValidFromOneMinuteAgo(certificate, now);
		assertThat(certificate.getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofHours(2)),
				within(5, ChronoUnit.SECONDS));
	}

	@Test
	void expiredCertificateFailsValidityCheck() {
		Instant now = Instant.now();
		X509Certificate certificate = root.client("CN=expired").expired().issue().certificate();

		assertThatExceptionOfType(CertificateExpiredException.class).isThrownBy(certificate::checkValidity);
		assertThat(certificate.getNotBefore().toInstant()).isCloseTo(now.minus(Duration.ofDays(30)),
				within(5, ChronoUnit.SECONDS));
		assertThat(certificate.getNotAfter().toInstant()).isCloseTo(now.minus(Duration.ofDays(1)),
				within(5, ChronoUnit.SECONDS));
	}

	@Test
	void notYetValidCertificateFailsValidityCheck() {
		Instant now = Instant.now();
		X509Certificate certificate = root.client("CN=future").notYetValid().issue().certificate();

		assertThatExceptionOfType(CertificateNotYetValidException.class).isThrownBy(certificate::checkValidity);
		assertThat(certificate.getNotBefore().toInstant()).isCloseTo(now.plus(Duration.ofDays(1)),
				within(5, ChronoUnit.SECONDS));
		assertThat(certificate.getNotAfter().toInstant()).isCloseTo(now.plus(Duration.ofDays(30)),
				within(5, ChronoUnit.SECONDS));
	}

	@Test
	void explicitWindowIsKeptToTheSecond() {
		Instant notBefore = Instant.parse("2024-01-01T00:00:00Z");
		Instant notAfter = Instant.parse("2060-06-30T12:34:56Z");
		X509Certificate certificate = root.leaf("CN=explicit")
			.notBefore(notBefore)
			.notAfter(notAfter)
			.issue()
			.certificate();

		assertThat(certificate.getNotBefore().toInstant()).isEqualTo(notBefore);
		assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter);
	}

	@Test
	void emptyWindowIsRejected() {
		Instant now = Instant.now();
		CertificateSpec<IssuedCertificate> spec = root.leaf("CN=backwards")
			.notBefore(now)
			.notAfter(now.minusSeconds(1));

		assertThatIllegalStateException().isThrownBy(spec::issue).withMessageContaining("notAfter");
	}

	private static void assertValidFromOneMinuteAgo(X509Certificate certificate, Instant now) {
		assertThat(certificate.getNotBefore().toInstant()).isCloseTo(now.minus(ONE_MINUTE),
				within(5, ChronoUnit.SECONDS));
	}

}
