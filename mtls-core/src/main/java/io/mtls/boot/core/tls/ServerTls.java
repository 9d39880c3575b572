package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.revocation.RevocationChecker;

/**
 * The server's TLS context built from validated {@link ServerMaterial}, with our own key
 * and trust managers so client certificate verification, its policy and its verdicts are
 * the same on every embedded server. {@link #update(ServerMaterial) Updating} builds a
 * fresh context: new handshakes use the new material at once, connections already open
 * keep theirs, and no session of the old context can be resumed under the new one. An
 * update is all or nothing: the new material is reported only once every
 * {@link TlsContextTarget} took its context.
 */
public final class ServerTls {

	private final ClientCertificatePolicy policy;

	private final ClientCertificateListener listener;

	private final Clock clock;

	private final RevocationChecker revocation;

	private final ServerTlsEngine engine;

	private final List<TlsContextTarget> targets = new CopyOnWriteArrayList<>();

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
		this(material, policy, listener, clock, RevocationChecker.disabled());
	}

	/**
	 * Builds the TLS context for the material, checking client certificates for
	 * revocation too.
	 * @param material the validated material
	 * @param policy what client certificates must satisfy
	 * @param listener told about every client certificate verdict
	 * @param clock the clock validity is checked against
	 * @param revocation checks validated client paths for revocation; it lives across
	 * material updates, and its CRLs and deny-list change without a new context
	 */
	public ServerTls(ServerMaterial material, ClientCertificatePolicy policy, ClientCertificateListener listener,
			Clock clock, RevocationChecker revocation) {
		this(material, policy, listener, clock, revocation, ServerTlsEngine.jdk());
	}

	/**
	 * Builds the TLS context for the material with the given engine.
	 * @param material the validated material
	 * @param policy what client certificates must satisfy
	 * @param listener told about every client certificate verdict
	 * @param clock the clock validity is checked against
	 * @param revocation checks validated client paths for revocation; it lives across
	 * material updates, and its CRLs and deny-list change without a new context
	 * @param engine builds each context
	 */
	public ServerTls(ServerMaterial material, ClientCertificatePolicy policy, ClientCertificateListener listener,
			Clock clock, RevocationChecker revocation, ServerTlsEngine engine) {
		this.revocation = revocation;
		this.engine = engine;
		this.policy = policy;
		this.listener = listener;
		this.clock = clock;
		this.current = build(material);
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
	 * Returns the engine that builds the contexts.
	 * @return the engine
	 */
	public ServerTlsEngine engine() {
		return this.engine;
	}

	/**
	 * Returns the revocation checker client paths are checked with.
	 * @return the checker
	 */
	public RevocationChecker revocation() {
		return this.revocation;
	}

	/**
	 * Serves new, already validated material from now on: hands its context to every
	 * target, then makes it the current material. When a target fails, the targets
	 * already handed the new context (and the failing one, which may have half switched)
	 * are handed the previous context again, and the previous material stays current.
	 * @param material the new material
	 * @throws TlsContextUpdateException if a target could not take the new context
	 */
	public synchronized void update(ServerMaterial material) throws TlsContextUpdateException {
		// a fresh context has its own session cache and ticket keys: nothing from before
		// resumes
		Current next = build(material);
		List<TlsContextTarget> handed = new ArrayList<>();
		for (TlsContextTarget target : this.targets) {
			handed.add(target);
			try {
				target.apply(next.sslContext());
			}
			catch (Exception ex) {
				throw rollBack(handed, ex);
			}
		}
		this.current = next;
	}

	/**
	 * Registers a server that caches the context and must be handed each new one.
	 * @param target the server's target
	 */
	public void addTarget(TlsContextTarget target) {
		this.targets.add(target);
	}

	private TlsContextUpdateException rollBack(List<TlsContextTarget> handed, Exception cause) {
		SSLContext previous = this.current.sslContext();
		List<Exception> stuck = new ArrayList<>();
		for (TlsContextTarget target : handed) {
			try {
				target.apply(previous);
			}
			catch (Exception ex) {
				stuck.add(ex);
			}
		}
		String reason = (cause.getMessage() != null) ? cause.getMessage() : cause.toString();
		String outcome = stuck.isEmpty() ? "every server keeps the previous one"
				: stuck.size() + " server(s) could not be switched back and may serve the new one";
		TlsContextUpdateException failure = new TlsContextUpdateException(
				"A server could not take the new TLS context (" + reason + "); " + outcome, cause);
		stuck.forEach(failure::addSuppressed);
		return failure;
	}

	/**
	 * Judges a client chain that did not come through this server's handshake (a
	 * certificate forwarded by a trusted proxy) exactly as the handshake would, against
	 * the current trust material and policy.
	 * @param chain the chain, leaf first
	 * @return why it is refused, or empty when it is acceptable
	 */
	public Optional<ClientCertificateTrustManager.Rejection> judge(List<X509Certificate> chain) {
		return this.current.trustManager().judge(chain);
	}

	private Current build(ServerMaterial material) {
		List<X509Certificate> trusted = (material.trust() != null) ? material.trust().certificates() : List.of();
		// a cache per trust manager: remembered verdicts go with the trust they were made
		// under
		ClientCertificateTrustManager trustManager = new ClientCertificateTrustManager(trusted, this.policy,
				this.listener, this.clock, this.revocation, new ChainVerdictCache(this.engine.chainVerdictCacheSize()));
		try {
			return new Current(material, this.engine.newContext(material.key(), trustManager), trustManager);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"The " + this.engine.name() + " TLS engine cannot create a context: " + ex.getMessage(), ex);
		}
	}

	private record Current(ServerMaterial material, SSLContext sslContext, ClientCertificateTrustManager trustManager) {
	}

}
