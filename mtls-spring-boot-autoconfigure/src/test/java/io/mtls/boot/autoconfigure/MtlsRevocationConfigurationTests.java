package io.mtls.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.reload.MtlsRevocationReloader;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.junit.ExternalTools;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import io.mtls.boot.test.revocation.OpensslRevocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.revocation.*}: the checker and its reloader are configured, an openssl CRL
 * loads, and every misconfiguration stops startup with one failure analysis naming the
 * property and the fix.
 */
class MtlsRevocationConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
		.withPropertyValues(TestCertificates.pemProperties());

	@Test
	void withoutRevocationPropertiesTheCheckerOnlyHasAnEmptyDenyList() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(MtlsRevocationReloader.class);
			RevocationChecker checker = context.getBean(RevocationChecker.class);
			assertThat(checker.mode()).isEqualTo(RevocationMode.HARD);
			assertThat(checker.crls().isEmpty()).isTrue();
			assertThat(checker.denyList().isEmpty()).isTrue();
			assertThat(checker.ocsp()).isNull();
		});
	}

	@Test
	void crlMadeByOpensslCaGencrlRevokesItsEntries(@TempDir Path directory) {
		ExternalTools.require("openssl");
		IssuedCertificate revoked = TestCertificates.CA.client("CN=openssl-revoked,O=mtls-test").issue();
		IssuedCertificate good = TestCertificates.CA.client("CN=openssl-good,O=mtls-test").issue();
		Path crl = OpensslRevocation.of(TestCertificates.CA, directory).good(good).revoked(revoked).generateCrl();
		this.runner
			.withPropertyValues("mtls.revocation.crl=" + crl,
					"mtls.revocation.deny=serial:0A:0b, sha256:" + "AB".repeat(32))
			.run((context) -> {
				RevocationChecker checker = context.getBean(RevocationChecker.class);
				assertThat(checker.crls().crls()).singleElement()
					.satisfies((loaded) -> assertThat(loaded.entries()).isEqualTo(1));
				assertThat(checker.check(java.util.List.of(revoked.certificate(), TestCertificates.CA.certificate()))
					.reason()
					.code()).isEqualTo("revoked");
				assertThat(checker.check(java.util.List.of(good.certificate(), TestCertificates.CA.certificate())))
					.isNull();
				assertThat(checker.denyList().entries()).containsExactly("serial:a0b", "sha256:" + "ab".repeat(32));
			});
	}

	@Test
	void ocspWithARelativeResponderFails() {
		this.runner.withPropertyValues("mtls.revocation.ocsp.enabled=true", "mtls.revocation.ocsp.responder=ocsp")
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.ocsp.responder",
					"is not an http:// URL"));
	}

	@Test
	void ocspWithoutBouncyCastleFails() {
		this.runner.withClassLoader(new FilteredClassLoader("org.bouncycastle.cert.ocsp"))
			.withPropertyValues("mtls.revocation.ocsp.enabled=true")
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.ocsp.enabled",
					"bcpkix-jdk18on"));
	}

	@Test
	void missingCrlFails(@TempDir Path directory) {
		this.runner.withPropertyValues("mtls.revocation.crl=" + directory.resolve("missing.crl"))
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.crl", "does not exist"));
	}

	@Test
	void malformedCrlFails(@TempDir Path directory) throws Exception {
		Path crl = Files.writeString(directory.resolve("ca.crl"), "not a CRL");
		this.runner.withPropertyValues("mtls.revocation.crl=" + crl)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.crl",
					"is not a PEM or DER CRL"));
	}

	@Test
	void crlNamingATrustedCaButNotSignedByItFails(@TempDir Path directory) throws Exception {
		// same issuer name as the trusted CA, another key
		var impostor = io.mtls.boot.pki.TestPki.rootCa("CN=Test Root CA,O=mtls-test").issue();
		Path crl = Files.writeString(directory.resolve("ca.crl"), Pem.encode(impostor.crl().issue()));
		this.runner.withPropertyValues("mtls.revocation.crl=" + crl)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.crl",
					"is not signed by any trusted CA of that name"));
	}

	@Test
	void crlFromTheFutureFails(@TempDir Path directory) throws Exception {
		Path crl = Files.writeString(directory.resolve("ca.crl"),
				Pem.encode(TestCertificates.CA.crl()
					.thisUpdate(Instant.now().plus(Duration.ofDays(1)))
					.nextUpdate(Instant.now().plus(Duration.ofDays(2)))
					.issue()));
		this.runner.withPropertyValues("mtls.revocation.crl=" + crl)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.crl",
					"is issued in the future"));
	}

	@Test
	void malformedDenyEntryFails() {
		this.runner.withPropertyValues("mtls.revocation.deny=serial:0a,md5:abcd")
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.deny[1]",
					"use 'serial:<hex>' or 'sha256:<hex>'"));
	}

	@Test
	void shortFingerprintFails() {
		this.runner.withPropertyValues("mtls.revocation.deny=sha256:abcd")
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.deny[0]",
					"is not a SHA-256 fingerprint"));
	}

	@Test
	void malformedDenyFileLineFails(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("deny.txt"), "# ok\nserial:0a\nnot hex: zz\n");
		this.runner.withPropertyValues("mtls.revocation.deny-file=" + file)
			.run((context) -> assertFailure(context.getStartupFailure(), "mtls.revocation.deny-file",
					"line 3 is not a deny-list entry"));
	}

	private static void assertFailure(Throwable failure, String property, String problem) {
		assertThat(failure).as("startup failure").isNotNull();
		FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis of " + failure).isNotNull();
		assertThat(analysis.getDescription()).contains(problem);
		assertThat(analysis.getDescription() + " " + analysis.getAction()).contains("'" + property + "'");
		assertThat(analysis.getAction()).isNotBlank();
	}

}
