package io.mtls.sample;

import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.annotation.CurrentSecurityContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Method security on certificate identities: roles from the rules, and SpEL on the
 * {@link ClientIdentity} principal.
 */
@RestController
class OrdersController {

	@GetMapping("/orders")
	@PreAuthorize("hasRole('SERVICE') and principal.spiffeId.isPresent()")
	Map<String, Object> orders(@AuthenticationPrincipal ClientIdentity caller) {
		return Map.of("caller", caller.spiffeId().orElseThrow().toString(), "orders", List.of());
	}

	@GetMapping("/orders/audit")
	@PreAuthorize("hasRole('ADMIN')")
	Map<String, Object> audit(@CurrentSecurityContext(expression = "authentication.name") String auditor) {
		return Map.of("auditor", auditor, "orders", List.of());
	}

}
