package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;

import io.mtls.boot.core.KeyMaterial;

/**
 * Builds the {@link SSLContext} that {@link ServerTls} serves for one version of the
 * material: the JDK's own implementation, or a native one (behind the same
 * {@code javax.net.ssl} API) that calls back into our trust manager for every client
 * chain. {@link ServerTls} asks for a new context on every update, so no session of one
 * context can be resumed under the next.
 */
public interface ServerTlsEngine {

	/**
	 * Returns the engine's name as the property {@code mtls.server.engine} spells it.
	 * @return the name
	 */
	String name();

	/**
	 * Builds a new context serving the key and verifying clients with the trust manager.
	 * @param key the server key and chain
	 * @param trustManager the trust manager every client chain must pass
	 * @return a new context, sharing no session state with any earlier one
	 * @throws GeneralSecurityException if the context cannot be built
	 */
	SSLContext newContext(KeyMaterial key, ClientCertificateTrustManager trustManager) throws GeneralSecurityException;

	/**
	 * Returns how many successful chain verdicts the trust manager of each context may
	 * remember (0 for none), so that a client that connects again costs a hash of its
	 * chain instead of signature checks.
	 * @return the number of verdicts to remember
	 */
	default int chainVerdictCacheSize() {
		return 0;
	}

	/**
	 * Returns the JDK's own TLS implementation (JSSE).
	 * @return the engine
	 */
	static ServerTlsEngine jdk() {
		return JdkServerTlsEngine.INSTANCE;
	}

}
