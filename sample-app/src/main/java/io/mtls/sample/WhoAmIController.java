package io.mtls.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows callers who the server thinks they are, from their verified client certificate.
 */
@RestController
class WhoAmIController {

	@GetMapping("/whoami")
	Map<String, Object> whoami(@AuthenticationPrincipal ClientIdentity identity, Authentication authentication) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("principal", authentication.getName());
		body.put("subject", identity.subject().toString());
		body.put("issuer", identity.issuer().toString());
		body.put("dnsNames", identity.dnsNames());
		body.put("ipAddresses", identity.ipAddresses());
		body.put("uris", identity.uris());
		body.put("emails", identity.emails());
		body.put("spiffeId", identity.spiffeId().map(Object::toString).orElse(null));
		body.put("serialNumber", identity.serialNumberHex());
		body.put("sha256Fingerprint", identity.sha256Fingerprint());
		body.put("notAfter", identity.notAfter().toString());
		body.put("authorities", authorities(authentication));
		return body;
	}

	@GetMapping("/admin/status")
	Map<String, Object> adminStatus(Authentication authentication) {
		return Map.of("status", "UP", "admin", authentication.getName());
	}

	private static List<String> authorities(Authentication authentication) {
		return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
	}

}
