package io.mtls.boot.autoconfigure;

import java.net.URI;
import java.time.Clock;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.revocation.BouncyCastleOcspClient;
import io.mtls.boot.core.revocation.OcspClient;
import io.mtls.boot.core.revocation.RevocationMode;

import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Creates the OCSP client {@code mtls.revocation.ocsp.*} asks for.
 */
final class OcspClients {

	private static final String BOUNCY_CASTLE_OCSP = "org.bouncycastle.cert.ocsp.OCSPReqBuilder";

	private OcspClients() {
	}

	static @Nullable OcspClient create(MtlsRevocationProperties revocation, @Nullable ClassLoader classLoader) {
		MtlsRevocationProperties.Ocsp ocsp = revocation.getOcsp();
		if (!ocsp.isEnabled() || revocation.getMode() == RevocationMode.OFF) {
			return null;
		}
		if (!ClassUtils.isPresent(BOUNCY_CASTLE_OCSP, classLoader)) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.revocation.ocsp.enabled' is true but BouncyCastle (org.bouncycastle:bcpkix-jdk18on), "
							+ "which encodes OCSP requests and responses, is not on the classpath.",
					"Add org.bouncycastle:bcpkix-jdk18on as a dependency, or set "
							+ "'mtls.revocation.ocsp.enabled=false'.");
		}
		URI responder = null;
		if (ocsp.getResponder() != null && !ocsp.getResponder().isBlank()) {
			try {
				responder = URI.create(ocsp.getResponder().strip());
			}
			catch (IllegalArgumentException ex) {
				responder = null;
			}
			if (responder == null || responder.getHost() == null || !("http".equals(responder.getScheme()))) {
				throw new InvalidMtlsConfigurationException(
						"'mtls.revocation.ocsp.responder' (" + ocsp.getResponder() + ") is not an http:// URL.",
						"Set 'mtls.revocation.ocsp.responder' to the responder's URL, such as "
								+ "http://ocsp.example.org, or remove it to use each certificate's AIA extension.");
			}
		}
		if (ocsp.getMaxConcurrentRequests() < 1 || ocsp.getCacheSize() < 1) {
			throw new InvalidMtlsConfigurationException(
					"'mtls.revocation.ocsp.max-concurrent-requests' and 'mtls.revocation.ocsp.cache-size' must be "
							+ "at least 1.",
					"Raise the value, or set 'mtls.revocation.ocsp.enabled=false'.");
		}
		return new BouncyCastleOcspClient(responder, ocsp.getTimeout(), ocsp.getCache(), ocsp.getCacheSize(),
				ocsp.getMaxConcurrentRequests(), ocsp.isNonce(), Clock.systemUTC());
	}

}
