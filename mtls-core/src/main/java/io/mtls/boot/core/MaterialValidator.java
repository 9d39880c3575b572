package io.mtls.boot.core;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Checks that loaded material can serve TLS before anything uses it.
 */
final class MaterialValidator {

	private static final byte[] PROBE = "mtls-spring-boot key match probe".getBytes(StandardCharsets.US_ASCII);

	private MaterialValidator() {
	}

	static void validateKey(KeyMaterial key, Instant now) {
		X509Certificate certificate = key.certificate();
		if (!matches(key.privateKey(), certificate.getPublicKey())) {
			throw new InvalidMaterialException(key.source(),
					"the private key does not match the certificate '" + subject(certificate) + "'",
					"Configure the private key that was issued together with this certificate.");
		}
		if (now.isAfter(certificate.getNotAfter().toInstant())) {
			throw new InvalidMaterialException(key.source(),
					"the server certificate '" + subject(certificate) + "' expired on "
							+ certificate.getNotAfter().toInstant(),
					"Renew the server certificate and replace the file.");
		}
		if (now.isBefore(certificate.getNotBefore().toInstant())) {
			throw new InvalidMaterialException(key.source(),
					"the server certificate '" + subject(certificate) + "' is not valid before "
							+ certificate.getNotBefore().toInstant(),
					"Check the system clock, or use a certificate that is valid now.");
		}
	}

	static void validateTrust(TrustMaterial trust, Instant now) {
		boolean hasCa = trust.certificates().stream().anyMatch((certificate) -> certificate.getBasicConstraints() >= 0);
		if (!hasCa) {
			String found = trust.certificates()
				.stream()
				.map(MaterialValidator::subject)
				.collect(Collectors.joining("', '", "'", "'"));
			throw new InvalidMaterialException(trust.source(),
					"holds no CA certificate, only end-entity certificates: " + found,
					"Configure the certificate of the CA that issues client certificates, not a client certificate.");
		}
		Map<X509Certificate, TrustMaterial.AnchorProblem> unusable = trust.unusable(now);
		if (unusable.size() == trust.certificates().size()) {
			throw new InvalidMaterialException(trust.source(),
					"holds no CA certificate that can verify clients now: " + unusable.values()
						.stream()
						.map(TrustMaterial.AnchorProblem::detail)
						.collect(Collectors.joining("; ")),
					"Configure the current certificate of the CA that issues client certificates.");
		}
	}

	private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
		String algorithm = signatureAlgorithm(privateKey);
		if (algorithm == null || !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())) {
			return false;
		}
		try {
			Signature signer = Signature.getInstance(algorithm);
			signer.initSign(privateKey);
			signer.update(PROBE);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			verifier.initVerify(publicKey);
			verifier.update(PROBE);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private static @Nullable String signatureAlgorithm(PrivateKey key) {
		return switch (key.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
			default -> null;
		};
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

}
