package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.mtls.boot.core.ServerMaterial;

/**
 * The server's TLS context built from validated {@link ServerMaterial}, with our own key
 * and trust managers so client certificate verification, its policy and its verdicts are
 * the same on every embedded server. {@link #update(ServerMaterial) Updating} builds a
 * fresh context: new handshakes use the new material at once, connections already open
 * keep theirs, and no session of the old context can be resumed under the new one.
 */
public final class ServerTls {

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	private final Clock clock;

	private final List<Consumer<SSLContext>> contextListeners = new CopyOnWriteArrayList<>();

	private volatile Current current;

	/**
	 * Builds the TLS context for the material.
	 * @param material the validated material
	 * @param policy what client certificates must satisfy
	 * @param listener told about every client certificate verdict
	 * @param clock the clock validity is checked against
	 */
	public ServerTls(ServerMaterial material, ClientCertificatePolicy policy, ClientCertificateListener listener,
			Clock clock) {
		this.policy = policy;
		this.listener = listener;
		this.clock = clock;
		this.current = new Current(material, build(material));
	}

	/**
	 * Returns the TLS context new handshakes must use.
	 * @return the current context
	 */
	public SSLContext sslContext() {
		return this.current.sslContext();
	}

	/**
	 * Returns the material the current context serves.
	 * @return the material
	 */
	public ServerMaterial material() {
		return this.current.material();
	}

	/**
	 * Serves new, already validated material from now on.
	 * @param material the new material
	 */
	public void update(ServerMaterial material) {
		// a fresh context has its own session cache and ticket keys: nothing from before
		// resumes
		this.current = new Current(material, build(material));
		this.contextListeners.forEach((listener) -> listener.accept(this.current.sslContext()));
	}

	/**
	 * Registers a callback for servers that cache the context and must be told when it
	 * changes.
	 * @param listener called with each new context
	 */
	public void onContextChange(Consumer<SSLContext> listener) {
		this.contextListeners.add(listener);
	}

	private SSLContext build(ServerMaterial material) {
		List<X509Certificate> trusted = (material.trust() != null) ? material.trust().certificates() : List.of();
		TrustManager trustManager = new ClientCertificateTrustManager(trusted, this.policy, this.listener, this.clock);
		KeyManager keyManager = new ServerKeyManager(material.key());
		try {
			SSLContext sslContext = SSLContext.getInstance("TLS");
			sslContext.init(new KeyManager[] { keyManager }, new TrustManager[] { trustManager }, null);
			return sslContext;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot create a TLS context", ex);
		}
	}

	private record Current(ServerMaterial material, SSLContext sslContext) {
	}

}
