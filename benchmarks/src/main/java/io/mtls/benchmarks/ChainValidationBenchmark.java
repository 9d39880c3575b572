package io.mtls.benchmarks;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.mtls.boot.core.tls.ChainValidation;
import io.mtls.boot.core.tls.ClientChainValidator;
import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * Full validation of a client chain at the handshake: leaf, an intermediate with name
 * constraints, and a root, as the client sends it (leaf and intermediate). The starter's
 * path-building {@link ClientChainValidator} (which also validates the root under itself
 * and runs the name and profile checks) against the JDK's PKIX validation of the chain as
 * sent, which is what the trust manager did before.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChainValidationBenchmark extends AverageTimeBenchmark {

	private List<X509Certificate> chain;

	private X509Certificate root;

	private ClientChainValidator standard;

	private ClientChainValidator strict;

	@Setup
	public void setUp() {
		CertificateAuthority rootCa = TestPki.rootCa("CN=Bench Root,O=Example").issue();
		CertificateAuthority intermediate = rootCa.intermediateCa("CN=Bench Intermediate,O=Example")
			.permittedDns("example.org")
			.permittedDirectory("O=Example")
			.issue();
		IssuedCertificate client = intermediate.client("CN=alice,O=Example")
			.dns("alice.example.org")
			.uri("spiffe://example.org/ns/ops/sa/alice")
			.issue();
		this.chain = client.chain();
		this.root = rootCa.certificate();
		this.standard = new ClientChainValidator(List.of(this.root), ChainValidation.STANDARD, Clock.systemUTC());
		this.strict = new ClientChainValidator(List.of(this.root), ChainValidation.STRICT, Clock.systemUTC());
	}

	@Benchmark
	public Object jdkPkixAsBefore() throws Exception {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(this.root, null)));
		parameters.setRevocationEnabled(false);
		parameters.setDate(new Date());
		return CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(this.chain), parameters);
	}

	@Benchmark
	public Object starterStandard() throws Exception {
		return this.standard.validate(this.chain);
	}

	@Benchmark
	public Object starterStrict() throws Exception {
		return this.strict.validate(this.chain);
	}

}
