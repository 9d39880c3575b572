package io.mtls.sample.reactive;

import java.util.Map;

import io.mtls.boot.core.identity.ClientIdentity;
import reactor.core.publisher.Mono;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells callers, reactively, who the server thinks they are from their verified client
 * certificate; the admin status is for {@code ROLE_ADMIN} only (see
 * {@code mtls.authorization.access}).
 */
@RestController
class CallerController {

	@GetMapping("/whoami")
	Mono<Map<String, Object>> whoami(@AuthenticationPrincipal ClientIdentity caller, Authentication authentication) {
		return Mono.just(Map.of("principal", authentication.getName(), "subject", caller.subject().toString(), "issuer",
				caller.issuer().toString(), "spiffeId", caller.spiffeId().map(Object::toString).orElse(""),
				"serialNumber", caller.serialNumberHex(), "sha256Fingerprint", caller.sha256Fingerprint(), "notAfter",
				caller.notAfter().toString(), "authorities",
				authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList()));
	}

	@GetMapping("/admin/status")
	Mono<Map<String, Object>> adminStatus(Authentication authentication) {
		return Mono.just(Map.of("status", "UP", "admin", authentication.getName()));
	}

}
