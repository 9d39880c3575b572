package io.mtls.boot.core.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.mtls.boot.pki.Pem;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code openssl verify} on every {@link ChainCases chain case}, so the OpenSSL
 * verdict written beside each case, and the README's comparison built from them, is what
 * OpenSSL really says.
 */
class ChainCasesOpensslTests {

	@TempDir
	Path directory;

	static Stream<ChainCases.Case> cases() {
		return Stream.concat(ChainCases.standard(), ChainCases.strict());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void opensslGivesTheRecordedVerdict(ChainCases.Case chainCase) throws IOException {
		List<X509Certificate> chain = chainCase.client().chain();
		List<String> command = new ArrayList<>(List.of("verify"));
		command.addAll(chainCase.opensslFlags());
		command.addAll(List.of("-CAfile", write("trust.pem", chainCase.trust())));
		if (chain.size() > 1) {
			command.addAll(List.of("-untrusted", write("untrusted.pem", chain.subList(1, chain.size()))));
		}
		command.add(write("leaf.pem", chain.subList(0, 1)));
		Openssl.Result result = Openssl.run(command);
		String output = result.output();
		if (chainCase.opensslVerdict().equals("OK")) {
			assertThat(result.exitCode()).as(output).isZero();
		}
		else {
			assertThat(result.exitCode()).as(output).isNotZero();
			assertThat(output).contains(chainCase.opensslVerdict());
		}
	}

	private String write(String name, List<X509Certificate> certificates) throws IOException {
		Path file = this.directory.resolve(name);
		Files.writeString(file, Pem.encode(certificates.toArray(X509Certificate[]::new)));
		return file.toString();
	}

}
