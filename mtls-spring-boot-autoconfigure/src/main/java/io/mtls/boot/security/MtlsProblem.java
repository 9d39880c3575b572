package io.mtls.boot.security;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentityException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;

/**
 * A 401 or 403 answer with its reason, independent of the web stack that writes it: the
 * servlet {@link MtlsProblemResponses} and the reactive
 * {@link ReactiveMtlsProblemResponses} both decide and render through it.
 *
 * @param status 401 or 403
 * @param reason why
 * @param detail what is wrong, for humans
 */
record MtlsProblem(HttpStatus status, RejectionReason reason, @Nullable String detail) {

	/**
	 * Decides why a request is not authenticated.
	 * @param exception what the authentication failed with
	 * @param certificatePresented whether the request carried a client certificate
	 * @return the 401 problem
	 */
	static MtlsProblem unauthenticated(AuthenticationException exception, boolean certificatePresented) {
		if (exception.getCause() instanceof ClientIdentityException rejected) {
			return new MtlsProblem(HttpStatus.UNAUTHORIZED, rejected.reason(), rejected.getMessage());
		}
		if (!certificatePresented) {
			return new MtlsProblem(HttpStatus.UNAUTHORIZED, RejectionReason.NO_CERTIFICATE,
					"This resource requires a client certificate; none was presented.");
		}
		return new MtlsProblem(HttpStatus.UNAUTHORIZED, RejectionReason.UNAUTHENTICATED, exception.getMessage());
	}

	/**
	 * Describes a request the caller lacks the authority for.
	 * @param principalName who called, or {@code null} when unknown
	 * @param method the request method
	 * @param path the request path
	 * @return the 403 problem
	 */
	static MtlsProblem forbidden(@Nullable String principalName, String method, String path) {
		String who = (principalName != null) ? "'" + principalName + "'" : "The client";
		return new MtlsProblem(HttpStatus.FORBIDDEN, RejectionReason.FORBIDDEN,
				who + " lacks the authority for " + method + " " + path + ".");
	}

	/**
	 * Renders the RFC 9457 {@code application/problem+json} body.
	 * @param instance the request path
	 * @return the body
	 */
	String json(String instance) {
		return "{\"type\":\"about:blank\",\"title\":" + quote(this.status.getReasonPhrase()) + ",\"status\":"
				+ this.status.value() + ",\"detail\":" + quote(this.detail) + ",\"instance\":" + quote(instance)
				+ ",\"reason\":" + quote(this.reason.code()) + "}";
	}

	private static String quote(@Nullable String value) {
		if (value == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
