package io.mtls.boot.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.KeyType;
import io.mtls.boot.pki.TestPki;
import io.mtls.boot.test.junit.ExternalTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that OpenSSL 3 reads what the test PKI writes.
 */
class OpensslInteropTest {

	private static final byte[] DATA = "read back by openssl".getBytes(StandardCharsets.UTF_8);

	private static Path openssl;

	private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----[^-]+-----END \\1-----");

	private static CertificateAuthority intermediate;

	private static IssuedCertificate client;

	@TempDir
	Path directory;

	@BeforeAll
	static void createCertificates() {
		openssl = ExternalTools.require("openssl");
		intermediate = TestPki.rootCa("CN=OpenSSL Root").issue().intermediateCa("CN=OpenSSL Intermediate").issue();
		client = intermediate.client("CN=alice,OU=ops,O=Example").issue();
	}

	@Test
	void opensslReadsThePkcs12CertificatesAndKey() throws Exception {
		Path pkcs12 = client.writePkcs12(directory.resolve("client.p12"), "changeit".toCharArray());

		// OpenSSL prints the subject in DER order, most general RDN first.
		Result certificates = openssl("pkcs12", "-in", pkcs12.toString(), "-passin", "pass:changeit", "-nokeys");
		assertThat(certificates.exitCode()).as(certificates.output()).isZero();
		assertThat(certificates.output()).contains("subject=O = Example, OU = ops, CN = alice");
		assertThat(pemBlocks(certificates.output(), "CERTIFICATE"))
			.containsExactlyInAnyOrderElementsOf(pemBlocks(client.chainPem(), "CERTIFICATE"));

		Result key = openssl("pkcs12", "-in", pkcs12.toString(), "-passin", "pass:changeit", "-nocerts", "-nodes");
		assertThat(key.exitCode()).as(key.output()).isZero();
		assertThat(pemBlocks(key.output(), "PRIVATE KEY")).containsExactly(client.privateKeyPem().strip());
	}

	@Test
	void opensslRejectsThePkcs12WithAWrongPassword() throws Exception {
		Path pkcs12 = client.writePkcs12(directory.resolve("client.p12"), "changeit".toCharArray());

		assertThat(openssl("pkcs12", "-in", pkcs12.toString(), "-passin", "pass:wrong", "-nokeys").exitCode())
			.isNotZero();
	}

	@ParameterizedTest
	@EnumSource(names = { "EC_P256", "RSA_2048", "ED25519" })
	void opensslDecryptsTheEncryptedPrivateKey(KeyType keyType) throws Exception {
		IssuedCertificate identity = intermediate.client("CN=" + keyType).keyType(keyType).issue();
		Path file = Files.writeString(directory.resolve("encrypted.pem"),
				identity.encryptedPrivateKeyPem("s3cret".toCharArray()));

		Result decrypted = openssl("pkey", "-in", file.toString(), "-passin", "pass:s3cret");
		assertThat(decrypted.exitCode()).as(decrypted.output()).isZero();
		assertThat(signsForCertificate(decrypted.output(), keyType, identity)).isTrue();
		assertThat(openssl("pkey", "-in", file.toString(), "-passin", "pass:wrong").exitCode()).isNotZero();
	}

	@ParameterizedTest
	@EnumSource(names = { "EC_P256", "RSA_2048" })
	void opensslReadsTheTraditionalPrivateKey(KeyType keyType) throws Exception {
		IssuedCertificate identity = intermediate.client("CN=" + keyType).keyType(keyType).issue();
		Path file = Files.writeString(directory.resolve("traditional.pem"), identity.traditionalPrivateKeyPem());

		Result converted = openssl("pkey", "-in", file.toString());
		assertThat(converted.exitCode()).as(converted.output()).isZero();
		assertThat(signsForCertificate(converted.output(), keyType, identity)).isTrue();
	}

	/**
	 * Reads the PKCS#8 key OpenSSL printed and checks that it signs for the identity's
	 * certificate.
	 */
	private static boolean signsForCertificate(String opensslOutput, KeyType keyType, IssuedCertificate identity)
			throws Exception {
		String pem = pemBlocks(opensslOutput, "PRIVATE KEY").get(0);
		byte[] pkcs8 = Base64.getMimeDecoder()
			.decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
		PrivateKey key = KeyFactory.getInstance(identity.privateKey().getAlgorithm())
			.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
		Signature signer = Signature.getInstance(keyType.signatureAlgorithm());
		signer.initSign(key);
		signer.update(DATA);
		byte[] signature = signer.sign();
		Signature verifier = Signature.getInstance(keyType.signatureAlgorithm());
		verifier.initVerify(identity.certificate().getPublicKey());
		verifier.update(DATA);
		return verifier.verify(signature);
	}

	private static List<String> pemBlocks(String text, String type) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = PEM_BLOCK.matcher(text);
		while (matcher.find()) {
			if (matcher.group(1).equals(type)) {
				blocks.add(matcher.group());
			}
		}
		return blocks;
	}

	private static Result openssl(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(openssl.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

}
