package io.mtls.benchmarks.baseline;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells callers who they are from the certificate {@code x509()} authenticated: the same
 * fields, and so about the same work and response size, as the reactive sample's
 * {@code /whoami}.
 */
@RestController
class WhoamiController {

	private static final int URI_NAME = 6;

	@GetMapping("/whoami")
	Mono<Map<String, Object>> whoami(Authentication authentication)
			throws CertificateEncodingException, CertificateParsingException, NoSuchAlgorithmException {
		if (!(authentication.getCredentials() instanceof X509Certificate certificate)) {
			throw new IllegalStateException("x509() authenticated without a certificate");
		}
		byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
		return Mono.just(Map.of("principal", authentication.getName(), "subject",
				certificate.getSubjectX500Principal().getName(), "issuer",
				certificate.getIssuerX500Principal().getName(), "spiffeId", spiffeId(certificate), "serialNumber",
				certificate.getSerialNumber().toString(16), "sha256Fingerprint", HexFormat.of().formatHex(fingerprint),
				"notAfter", certificate.getNotAfter().toInstant().toString(), "authorities",
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList()));
	}

	private static String spiffeId(X509Certificate certificate) throws CertificateParsingException {
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		if (names == null) {
			return "";
		}
		return names.stream()
			.filter((name) -> name.get(0).equals(URI_NAME) && name.get(1).toString().startsWith("spiffe://"))
			.map((name) -> name.get(1).toString())
			.findFirst()
			.orElse("");
	}

}
