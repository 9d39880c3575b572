package io.mtls.boot.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.jspecify.annotations.Nullable;

/**
 * A trust manager for one side of the handshake: it verifies the peer of that side, and
 * refuses the checks of the other side, which would mean it was installed in the wrong
 * place.
 */
abstract class OneSidedTrustManager extends X509ExtendedTrustManager {

	private final boolean verifiesClients;

	/**
	 * Creates a trust manager for one side.
	 * @param verifiesClients {@code true} to verify clients, {@code false} to verify
	 * called servers
	 */
	OneSidedTrustManager(boolean verifiesClients) {
		this.verifiesClients = verifiesClients;
	}

	/**
	 * Verifies the peer's chain.
	 * @param chain the chain the peer sent
	 * @param authType the key exchange algorithm
	 * @param socket the connection, when the check came with one
	 * @param engine the engine, when the check came with one
	 * @throws CertificateException if the chain is refused
	 */
	abstract void verifyPeer(X509Certificate[] chain, String authType, @Nullable Socket socket,
			@Nullable SSLEngine engine) throws CertificateException;

	@Override
	public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check(true, chain, authType, null, null);
	}

	@Override
	public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		check(true, chain, authType, socket, null);
	}

	@Override
	public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check(true, chain, authType, null, engine);
	}

	@Override
	public final void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check(false, chain, authType, null, null);
	}

	@Override
	public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		check(false, chain, authType, socket, null);
	}

	@Override
	public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check(false, chain, authType, null, engine);
	}

	private void check(boolean client, X509Certificate[] chain, String authType, @Nullable Socket socket,
			@Nullable SSLEngine engine) throws CertificateException {
		if (client != this.verifiesClients) {
			throw new CertificateException(
					"This trust manager verifies " + (this.verifiesClients ? "clients" : "called servers") + " only");
		}
		verifyPeer(chain, authType, socket, engine);
	}

}
