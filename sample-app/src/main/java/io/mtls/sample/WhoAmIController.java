package io.mtls.sample;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Shows callers who the server thinks they are, from their verified client certificate.
 */
@RestController
class WhoAmIController {

	private static final String CERTIFICATES_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

	private static final Map<Integer, String> SAN_TYPES = Map.of(1, "email", 2, "dns", 6, "uri", 7, "ip");

	@GetMapping("/whoami")
	Map<String, Object> whoami(HttpServletRequest request) throws Exception {
		X509Certificate certificate = clientCertificate(request);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", commonName(certificate));
		body.put("subject", certificate.getSubjectX500Principal().getName());
		body.put("issuer", certificate.getIssuerX500Principal().getName());
		List<Map<String, String>> sans = subjectAlternativeNames(certificate);
		body.put("subjectAlternativeNames", sans);
		body.put("spiffeId",
				sans.stream()
					.filter((san) -> san.get("type").equals("uri") && san.get("value").startsWith("spiffe://"))
					.map((san) -> san.get("value"))
					.findFirst()
					.orElse(null));
		body.put("serialNumber", certificate.getSerialNumber().toString(16));
		body.put("sha256Fingerprint", sha256(certificate));
		body.put("notAfter", certificate.getNotAfter().toInstant().toString());
		// granted authorities arrive with the Spring Security integration
		body.put("authorities", List.of());
		return body;
	}

	@GetMapping("/admin/status")
	Map<String, Object> adminStatus(HttpServletRequest request) {
		clientCertificate(request);
		return Map.of("status", "UP");
	}

	private static X509Certificate clientCertificate(HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request.getAttribute(CERTIFICATES_ATTRIBUTE);
		if (chain == null || chain.length == 0) {
			throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "no client certificate");
		}
		return chain[0];
	}

	private static String commonName(X509Certificate certificate) throws InvalidNameException {
		List<Rdn> rdns = new LdapName(certificate.getSubjectX500Principal().getName()).getRdns();
		for (int i = rdns.size() - 1; i >= 0; i--) {
			if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
				return rdns.get(i).getValue().toString();
			}
		}
		return null;
	}

	private static List<Map<String, String>> subjectAlternativeNames(X509Certificate certificate)
			throws CertificateParsingException {
		List<Map<String, String>> result = new ArrayList<>();
		Collection<List<?>> names = certificate.getSubjectAlternativeNames();
		if (names != null) {
			for (List<?> name : names) {
				String type = SAN_TYPES.get((Integer) name.get(0));
				if (type != null) {
					result.add(Map.of("type", type, "value", name.get(1).toString()));
				}
			}
		}
		return result;
	}

	private static String sha256(X509Certificate certificate)
			throws NoSuchAlgorithmException, CertificateEncodingException {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
	}

}
