package io.mtls.boot.core.tls;

import javax.net.ssl.SSLContext;

/**
 * A server that holds on to the TLS context it was given and must be handed each new one
 * by {@link ServerTls#update(io.mtls.boot.core.ServerMaterial)}. Servers that ask
 * {@link ServerTls#sslContext()} for every new connection need no target.
 */
@FunctionalInterface
public interface TlsContextTarget {

	/**
	 * Makes the server's new handshakes use the given context. Called again with the
	 * previous context when the update fails, here or at another target, so an
	 * implementation must accept a context it served before.
	 * @param sslContext the context to serve
	 * @throws Exception if the server cannot switch to the context
	 */
	void apply(SSLContext sslContext) throws Exception;

}
