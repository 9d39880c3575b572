package io.mtls.boot.autoconfigure;

import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.server.openssl.NativeServerSslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mtls.server.engine}: which engine builds the server's contexts, the startup
 * failure when 'openssl' cannot load, and the logged fallback of 'auto'.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerTlsEnginesTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, MtlsServerAutoConfiguration.class))
		.withPropertyValues(TestCertificates.pemProperties());

	@Test
	void theJdkEngineIsTheDefault() {
		this.runner.run((context) -> {
			ServerTls tls = context.getBean(ServerTls.class);
			assertThat(tls.engine().name()).isEqualTo("jdk");
			assertThat(tls.sslContext()).isNotInstanceOf(NativeServerSslContext.class);
		});
	}

	@Test
	void opensslServesANativeContext() {
		this.runner.withPropertyValues("mtls.server.engine=openssl").run((context) -> {
			ServerTls tls = context.getBean(ServerTls.class);
			assertThat(tls.engine().name()).isEqualTo("openssl");
			assertThat(tls.sslContext()).isInstanceOf(NativeServerSslContext.class);
		});
	}

	@Test
	void opensslWithoutTcnativeFailsNamingTheDependency() {
		this.runner.withClassLoader(new FilteredClassLoader("io.netty.internal.tcnative"))
			.withPropertyValues("mtls.server.engine=openssl")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("mtls.server.engine=openssl")
					.contains("io.netty:netty-tcnative-boringssl-static")
					.contains("io.netty.internal.tcnative.SSL is missing");
				assertThat(analysis.getAction()).contains("Add the dependency io.netty:netty-tcnative-boringssl-static")
					.contains("mtls.server.engine");
			});
	}

	@Test
	void opensslWithoutNettyFailsNamingTheDependency() {
		this.runner.withClassLoader(new FilteredClassLoader("io.netty"))
			.withPropertyValues("mtls.server.engine=openssl")
			.run((context) -> assertThat(
					new MtlsStartupFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
				.contains("io.netty.handler.ssl.OpenSsl is missing"));
	}

	@Test
	void autoWithoutTcnativeFallsBackToTheJdkAndSaysWhy(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader("io.netty.internal.tcnative"))
			.withPropertyValues("mtls.server.engine=auto")
			.run((context) -> {
				assertThat(context.getBean(ServerTls.class).engine().name()).isEqualTo("jdk");
				assertThat(output).contains("mtls.server.engine=auto: handshakes use the jdk engine because")
					.contains("io.netty:netty-tcnative-boringssl-static");
			});
	}

	@Test
	void autoWithTcnativeUsesOpensslAndSaysSo(CapturedOutput output) {
		this.runner.withPropertyValues("mtls.server.engine=auto").run((context) -> {
			assertThat(context.getBean(ServerTls.class).engine().name()).isEqualTo("openssl");
			assertThat(output).contains("mtls.server.engine=auto: handshakes use the openssl engine");
		});
	}

}
