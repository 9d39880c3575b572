package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.mtls.boot.core.ServerMaterial;

/**
 * The server's TLS context built from validated {@link ServerMaterial}: our own key and
 * trust managers, so client certificate verification, its policy and its verdicts are the
 * same on every embedded server.
 */
public final class ServerTls {

	private final ServerMaterial material;

	private final SSLContext sslContext;

	/**
	 * Builds the TLS context for the material.
	 * @param material the validated material
	 * @param policy what client certificates must satisfy
	 * @param listener told about every client certificate verdict
	 * @param clock the clock validity is checked against
	 */
	public ServerTls(ServerMaterial material, ClientCertificatePolicy policy, ClientCertificateListener listener,
			Clock clock) {
		this.material = material;
		List<X509Certificate> trusted = (material.trust() != null) ? material.trust().certificates() : List.of();
		TrustManager trustManager = new ClientCertificateTrustManager(trusted, policy, listener, clock);
		KeyManager keyManager = new ServerKeyManager(material.key());
		try {
			this.sslContext = SSLContext.getInstance("TLS");
			this.sslContext.init(new KeyManager[] { keyManager }, new TrustManager[] { trustManager }, null);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot create a TLS context", ex);
		}
	}

	/**
	 * Returns the initialised TLS context.
	 * @return the context
	 */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	/**
	 * Returns the material the context serves.
	 * @return the material
	 */
	public ServerMaterial material() {
		return this.material;
	}

}
