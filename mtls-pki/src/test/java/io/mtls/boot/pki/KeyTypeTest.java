package io.mtls.boot.pki;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each key type is generated exactly once (RSA 3072 is slow) as a root CA key, then used
 * to sign data and a leaf.
 */
class KeyTypeTest {

	private static final byte[] DATA = "signed by the test PKI".getBytes(StandardCharsets.UTF_8);

	@ParameterizedTest
	@CsvSource({ "EC_P256, SHA256withECDSA, EC-256", "EC_P384, SHA384withECDSA, EC-384",
			"RSA_2048, SHA256withRSA, RSA-2048", "RSA_3072, SHA256withRSA, RSA-3072", "ED25519, Ed25519, Ed25519" })
	void everyKeyTypeSignsDataAndCertificates(KeyType keyType, String signatureAlgorithm, String key) throws Exception {
		CertificateAuthority root = TestPki.rootCa("CN=" + keyType + " Root").keyType(keyType).issue();
		KeyPair keyPair = root.keyPair();

		assertThat(keyType.signatureAlgorithm()).isEqualTo(signatureAlgorithm);
		assertThat(describe(keyPair.getPublic())).isEqualTo(key);
		assertThat(verify(keyType, keyPair, sign(keyType, keyPair))).isTrue();

		IssuedCertificate leaf = root.leaf("CN=signed by " + keyType).issue();
		assertThat(root.certificate().getSigAlgName()).isEqualTo(signatureAlgorithm);
		assertThat(leaf.certificate().getSigAlgName()).isEqualTo(signatureAlgorithm);
		leaf.certificate().verify(root.certificate().getPublicKey());
		validate(leaf.certificate(), root.certificate());
	}

	private static byte[] sign(KeyType keyType, KeyPair keyPair) throws Exception {
		Signature signer = Signature.getInstance(keyType.signatureAlgorithm());
		signer.initSign(keyPair.getPrivate());
		signer.update(DATA);
		return signer.sign();
	}

	private static boolean verify(KeyType keyType, KeyPair keyPair, byte[] signature) throws Exception {
		Signature verifier = Signature.getInstance(keyType.signatureAlgorithm());
		verifier.initVerify(keyPair.getPublic());
		verifier.update(DATA);
		return verifier.verify(signature);
	}

	private static void validate(X509Certificate leaf, X509Certificate root) throws Exception {
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
		parameters.setRevocationEnabled(false);
		CertPathValidator.getInstance("PKIX")
			.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
	}

	private static String describe(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			return "RSA-" + rsa.getModulus().bitLength();
		}
		if (key instanceof ECPublicKey ec) {
			return "EC-" + ec.getParams().getCurve().getField().getFieldSize();
		}
		return ((EdECPublicKey) key).getParams().getName();
	}

}
