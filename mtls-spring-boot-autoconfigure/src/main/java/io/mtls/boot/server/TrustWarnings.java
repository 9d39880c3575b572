package io.mtls.boot.server;

import java.time.Instant;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.TrustMaterial;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs trusted certificates that cannot verify any client (expired, not a CA, an unknown
 * critical extension...), so operators learn of them when the material is loaded rather
 * than at the first refused handshake.
 */
public final class TrustWarnings {

	private static final Log logger = LogFactory.getLog(TrustWarnings.class);

	private TrustWarnings() {
	}

	/**
	 * Logs a warning for each unusable trusted certificate of the material.
	 * @param material the material now served
	 * @param now the instant validity is judged at
	 */
	public static void log(ServerMaterial material, Instant now) {
		TrustMaterial trust = material.trust();
		if (trust != null) {
			trust.unusable(now)
				.values()
				.forEach((problem) -> logger.warn("mTLS trust material " + trust.source().describe() + ": "
						+ problem.detail() + "; client chains ending there are refused"));
		}
	}

}
