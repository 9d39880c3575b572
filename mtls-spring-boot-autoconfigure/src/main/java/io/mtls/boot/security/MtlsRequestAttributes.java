package io.mtls.boot.security;

import java.util.List;
import java.util.function.BiConsumer;

import io.mtls.boot.core.identity.ClientIdentity;

import org.springframework.security.core.Authentication;

/**
 * Names of the request (servlet) or exchange (WebFlux) attributes, and logging MDC keys,
 * under which the authentication filter records who called: the verified principal,
 * SPIFFE ID and certificate fingerprint. Access logs can print them, for example Tomcat's
 * {@code %{mtls.principal}r} or Jetty's {@code %{mtls.principal}attr}. With
 * {@code mtls.identity.mdc=true} the same keys are in the MDC of the request's log lines.
 */
public final class MtlsRequestAttributes {

	/** The authenticated principal name, as chosen by {@code mtls.identity.principal}. */
	public static final String PRINCIPAL = "mtls.principal";

	/** The client's SPIFFE ID; absent when the certificate has none. */
	public static final String SPIFFE_ID = "mtls.spiffe-id";

	/** The SHA-256 fingerprint of the client certificate, lower-case hex. */
	public static final String FINGERPRINT = "mtls.fingerprint";

	/** All of the names above, in that order. */
	static final List<String> ALL = List.of(PRINCIPAL, SPIFFE_ID, FINGERPRINT);

	private MtlsRequestAttributes() {
	}

	/**
	 * Records who called under the names above.
	 * @param authentication the request's authentication
	 * @param attributes the request's (or exchange's) attributes
	 */
	static void record(Authentication authentication, BiConsumer<String, Object> attributes) {
		attributes.accept(PRINCIPAL, authentication.getName());
		if (authentication.getPrincipal() instanceof ClientIdentity identity) {
			identity.spiffeId().ifPresent((spiffeId) -> attributes.accept(SPIFFE_ID, spiffeId.toString()));
			attributes.accept(FINGERPRINT, identity.sha256Fingerprint());
		}
	}

}
