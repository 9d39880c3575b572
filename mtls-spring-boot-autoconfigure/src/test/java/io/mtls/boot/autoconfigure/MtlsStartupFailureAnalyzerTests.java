package io.mtls.boot.autoconfigure;

import io.mtls.boot.server.EmbeddedServer;
import io.mtls.boot.server.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure analyzer is registered, so a real application that cannot start prints the
 * description and action instead of a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class MtlsStartupFailureAnalyzerTests {

	@Test
	void applicationThatCannotStartReportsThePropertyAndTheFix(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> EmbeddedServer.TOMCAT.start("mtls.server.certificate=" + TestCertificates.SERVER_CERTIFICATE,
						"mtls.server.private-key=" + TestCertificates.clientKey("alice"),
						"mtls.server.trust=" + TestCertificates.CA_CERTIFICATE));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("mTLS cannot start: 'mtls.server.private-key' (" + TestCertificates.clientKey("alice")
					+ "): the private key does not match the certificate 'CN=localhost'")
			.contains("Configure the private key that was issued together with this certificate.");
	}

}
