package io.mtls.boot.core.tls;

import java.net.IDN;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.identity.SpiffeId;
import org.jspecify.annotations.Nullable;

/**
 * The TLS side of this service's outbound calls: one {@link SSLContext}, built once,
 * whose key manager presents and whose trust manager trusts whatever the material
 * {@link Supplier source} holds at the time of each handshake. HTTP clients built once at
 * startup therefore present a rotated certificate, and trust a rotated CA, on their next
 * new connection. When the material changes, every context made here hands out engines
 * and sockets of a new inner context with an empty session cache, so no new connection
 * resumes a session of the old identity (not even one whose TLS 1.3 ticket arrived on an
 * old connection after the change); connections already open (pooled keep-alive
 * connections) keep theirs until they close.
 * <p>
 * The called server's certificate is verified by the JDK's PKIX trust manager over the
 * current trust material, with HTTPS endpoint identification (the host name) when the
 * client asks for it, as every HTTP client Spring Boot supports does by default; when a
 * client does not, the host name is checked here against the certificate's DNS and IP
 * SANs. Then every {@code server-identity} rule must match. Under
 * {@link ServerIdentification#bySpiffeId SPIFFE identification} a certificate carrying a
 * SPIFFE ID is identified by it instead of the host name, and its trust domain must be
 * accepted. Each verdict goes to a {@link ClientHandshakeListener}; refusals are thrown
 * as {@link ServerCertificateRejectedException}s naming the {@link RejectionReason}.
 */
public final class ClientTls {

	private static final String ALIAS_PREFIX = "mtls-client-";

	private final Supplier<ServerMaterial> source;

	private final List<CertificateRule> serverIdentity;

	private final String serverIdentityProperty;

	private final ClientHandshakeListener listener;

	private final ServerIdentification identification;

	private final AtomicLong generation = new AtomicLong();

	private final Set<FollowingSslContext> contexts = Collections
		.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	private final KeyManager keyManager = new CurrentKeyManager();

	private final X509ExtendedTrustManager trustManager = new CurrentTrustManager();

	private final SSLContext sslContext;

	private final List<Consumer<ServerMaterial>> changeListeners = new CopyOnWriteArrayList<>();

	private volatile Snapshot current;

	private volatile @Nullable Snapshot previous;

	/**
	 * Creates the outbound TLS context.
	 * @param source supplies the current, validated material; it must return the same
	 * instance until the material changes, and is asked at every handshake
	 * @param serverIdentity rules the called server's certificate must all match (none:
	 * any certificate valid for the host)
	 * @param serverIdentityProperty the property the rules come from, for messages
	 * @param listener told about every verdict on a called server's certificate
	 */
	public ClientTls(Supplier<ServerMaterial> source, List<CertificateRule> serverIdentity,
			String serverIdentityProperty, ClientHandshakeListener listener) {
		this(source, serverIdentity, serverIdentityProperty, listener, ServerIdentification.HOST_NAME);
	}

	/**
	 * Creates the outbound TLS context with a choice of how called servers are
	 * identified.
	 * @param source supplies the current, validated material; it must return the same
	 * instance until the material changes, and is asked at every handshake
	 * @param serverIdentity rules the called server's certificate must all match (none:
	 * any certificate valid for the host, or any SPIFFE ID accepted)
	 * @param serverIdentityProperty the property the rules come from, for messages
	 * @param listener told about every verdict on a called server's certificate
	 * @param identification by host name, or by SPIFFE ID where the certificate has one
	 */
	public ClientTls(Supplier<ServerMaterial> source, List<CertificateRule> serverIdentity,
			String serverIdentityProperty, ClientHandshakeListener listener, ServerIdentification identification) {
		this.identification = identification;
		this.source = source;
		this.serverIdentity = List.copyOf(serverIdentity);
		this.serverIdentityProperty = serverIdentityProperty;
		this.listener = listener;
		this.current = snapshot(source.get());
		this.sslContext = newSslContext("TLS");
	}

	/**
	 * Returns the context outbound clients should use; it follows every material change.
	 * @return the context, the same instance for the whole run
	 */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	/**
	 * Creates another context over the same following key and trust managers, for a
	 * client that asks for a given protocol; it starts a new session cache on material
	 * changes too.
	 * @param protocol the protocol, such as {@code TLS}
	 * @return the new context
	 */
	public SSLContext newSslContext(String protocol) {
		FollowingSslContext context = FollowingSslContext.create(protocol, this.keyManager, this.trustManager);
		this.contexts.add(context);
		return context;
	}

	/**
	 * Returns the key manager that presents the current certificate.
	 * @return the key manager
	 */
	public KeyManager keyManager() {
		return this.keyManager;
	}

	/**
	 * Returns the trust manager that verifies called servers against the current trust.
	 * @return the trust manager
	 */
	public X509ExtendedTrustManager trustManager() {
		return this.trustManager;
	}

	/**
	 * Returns the material outbound handshakes use now.
	 * @return the current material
	 */
	public ServerMaterial material() {
		return refresh().material();
	}

	/**
	 * Takes the source's current material if it changed, starting new session caches so
	 * no session of the old one is resumed. Handshakes do this by themselves; call it
	 * right after a change so that not even a session resumption uses the old identity.
	 * @return whether the material changed
	 */
	public boolean materialChanged() {
		Snapshot before = this.current;
		return refresh() != before;
	}

	/**
	 * Returns the rules the called server's certificate must match.
	 * @return the rules, empty when any valid certificate for the host is accepted
	 */
	public List<CertificateRule> serverIdentity() {
		return this.serverIdentity;
	}

	/**
	 * Returns how called servers are identified.
	 * @return by host name, or by SPIFFE ID where the certificate has one
	 */
	public ServerIdentification identification() {
		return this.identification;
	}

	/**
	 * Registers a callback run after outbound handshakes switched to new material.
	 * @param listener the callback, given the new material
	 */
	public void onChange(Consumer<ServerMaterial> listener) {
		this.changeListeners.add(listener);
	}

	private Snapshot refresh() {
		ServerMaterial material = this.source.get();
		Snapshot snapshot = this.current;
		if (snapshot.material() == material) {
			return snapshot;
		}
		boolean changed = false;
		synchronized (this) {
			snapshot = this.current;
			if (snapshot.material() != material) {
				Snapshot next = snapshot(material);
				this.previous = snapshot;
				this.current = next;
				startNewSessionCaches();
				snapshot = next;
				changed = true;
			}
		}
		if (changed) {
			for (Consumer<ServerMaterial> listener : this.changeListeners) {
				listener.accept(material);
			}
		}
		return snapshot;
	}

	private void startNewSessionCaches() {
		synchronized (this.contexts) {
			this.contexts.forEach(FollowingSslContext::nextGeneration);
		}
	}

	private Snapshot snapshot(ServerMaterial material) {
		return new Snapshot(material, ALIAS_PREFIX + this.generation.incrementAndGet(), pkix(material));
	}

	private static @Nullable X509TrustManager pkix(ServerMaterial material) {
		if (material.trust() == null) {
			return null;
		}
		try {
			KeyStore store = material.trustStore();
			TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
			factory.init(store);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					return x509;
				}
			}
			throw new IllegalStateException("The JDK's PKIX trust manager factory made no X509TrustManager");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The JDK cannot create a PKIX trust manager", ex);
		}
	}

	private @Nullable Snapshot byAlias(String alias) {
		Snapshot snapshot = this.current;
		if (snapshot.alias().equals(alias)) {
			return snapshot;
		}
		snapshot = this.previous;
		return (snapshot != null && snapshot.alias().equals(alias)) ? snapshot : null;
	}

	private void verify(X509Certificate[] chain, String authType, @Nullable String host, boolean skipHostCheck,
			Check jdkCheck) throws CertificateException {
		List<X509Certificate> certificates = List.of(chain);
		Snapshot snapshot = refresh();
		try {
			verify(snapshot, certificates, authType, host, skipHostCheck, jdkCheck);
		}
		catch (ServerCertificateRejectedException ex) {
			this.listener.rejected(certificates, ex.reason(), String.valueOf(ex.getMessage()));
			throw ex;
		}
		this.listener.accepted(certificates);
	}

	private void verify(Snapshot snapshot, List<X509Certificate> chain, String authType, @Nullable String host,
			boolean skipHostCheck, Check jdkCheck) throws ServerCertificateRejectedException {
		String subject = chain.isEmpty() ? "(none)" : chain.get(0).getSubjectX500Principal().getName();
		String server = "the certificate '" + subject + "' of the called server"
				+ ((host != null) ? " '" + host + "'" : "");
		X509TrustManager pkix = snapshot.pkix();
		if (pkix == null) {
			throw new ServerCertificateRejectedException(RejectionReason.UNTRUSTED,
					"mTLS outbound call refused " + server + " [untrusted]: no trust material is configured", null);
		}
		try {
			jdkCheck.check(pkix);
		}
		catch (CertificateException ex) {
			RejectionReason reason = classify(ex, pkix, chain, authType);
			throw new ServerCertificateRejectedException(reason,
					"mTLS outbound call refused " + server + " [" + reason.code() + "]: " + ex.getMessage(), ex);
		}
		if (this.identification.bySpiffeId()) {
			checkTrustDomain(chain.get(0), server);
		}
		if (!skipHostCheck && host != null && !matchesHost(chain.get(0), host)) {
			throw new ServerCertificateRejectedException(RejectionReason.HOSTNAME, "mTLS outbound call refused "
					+ server + " [hostname]: it names neither the DNS name nor the IP address '" + host + "'", null);
		}
		if (!this.serverIdentity.isEmpty()) {
			checkServerIdentity(chain, server);
		}
	}

	private void checkTrustDomain(X509Certificate leaf, String server) throws ServerCertificateRejectedException {
		Set<String> accepted = this.identification.acceptedTrustDomains();
		if (accepted.isEmpty()) {
			return;
		}
		SpiffeId spiffeId = spiffeIdOf(leaf);
		if (spiffeId == null || !accepted.contains(spiffeId.trustDomain())) {
			throw new ServerCertificateRejectedException(RejectionReason.TRUST_DOMAIN,
					"mTLS outbound call refused " + server + " [trust-domain]: "
							+ ((spiffeId != null) ? "its SPIFFE ID '" + spiffeId + "' is"
									: "it has no SPIFFE ID, so it is")
							+ " not in a trust domain of mtls.spiffe.accept.trust-domains "
							+ accepted.stream().sorted().toList(),
					null);
		}
	}

	private boolean identifiedBySpiffeId(X509Certificate[] chain) {
		return this.identification.bySpiffeId() && chain.length > 0 && spiffeIdOf(chain[0]) != null;
	}

	private static @Nullable SpiffeId spiffeIdOf(X509Certificate leaf) {
		try {
			return ClientIdentity.of(List.of(leaf)).spiffeId().orElse(null);
		}
		catch (ClientIdentityException ex) {
			// an unreadable or ambiguous SPIFFE ID identifies nothing
			return null;
		}
	}

	private void checkServerIdentity(List<X509Certificate> chain, String server)
			throws ServerCertificateRejectedException {
		ClientIdentity identity;
		try {
			identity = ClientIdentity.of(chain);
			identity.spiffeId();
		}
		catch (ClientIdentityException ex) {
			throw new ServerCertificateRejectedException(RejectionReason.SERVER_IDENTITY, "mTLS outbound call refused "
					+ server + " [server-identity]: its identity cannot be read: " + ex.getMessage(), ex);
		}
		for (CertificateRule rule : this.serverIdentity) {
			if (!rule.matches(identity)) {
				throw new ServerCertificateRejectedException(RejectionReason.SERVER_IDENTITY,
						"mTLS outbound call refused " + server + " [server-identity]: expected "
								+ this.serverIdentityProperty + " " + rule.criteria() + ", presented "
								+ presented(identity),
						null);
			}
		}
	}

	private static String presented(ClientIdentity identity) {
		return "subject '" + identity.subject() + "'"
				+ identity.spiffeId().map((id) -> ", SPIFFE ID '" + id + "'").orElse(", no SPIFFE ID")
				+ (identity.dnsNames().isEmpty() ? "" : ", DNS names " + identity.dnsNames())
				+ (identity.uris().isEmpty() ? "" : ", URIs " + identity.uris());
	}

	private static RejectionReason classify(CertificateException failure, X509TrustManager pkix,
			List<X509Certificate> chain, String authType) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateExpiredException) {
				return RejectionReason.EXPIRED;
			}
			if (cause instanceof CertificateNotYetValidException) {
				return RejectionReason.NOT_YET_VALID;
			}
			if (cause instanceof CertPathValidatorException validator) {
				if (validator.getReason() == BasicReason.EXPIRED) {
					return RejectionReason.EXPIRED;
				}
				if (validator.getReason() == BasicReason.NOT_YET_VALID) {
					return RejectionReason.NOT_YET_VALID;
				}
			}
		}
		try {
			// the chain alone is fine: the host name check failed
			pkix.checkServerTrusted(chain.toArray(X509Certificate[]::new), authType);
			return RejectionReason.HOSTNAME;
		}
		catch (CertificateException ex) {
			return RejectionReason.UNTRUSTED;
		}
	}

	/**
	 * Checks a host name against a certificate's DNS SANs (a left-most {@code *} label
	 * matching exactly one label) or an IP address against its IP SANs, as RFC 6125 and
	 * RFC 2818 ask; the subject's CN is not consulted.
	 */
	static boolean matchesHost(X509Certificate certificate, String host) {
		Collection<List<?>> names;
		try {
			names = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			return false;
		}
		if (names == null) {
			return false;
		}
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		boolean ip = bare.contains(":") || bare.matches("[0-9.]+");
		for (List<?> name : names) {
			int type = (Integer) name.get(0);
			String value = String.valueOf(name.get(1));
			if (ip && type == 7 && sameAddress(value, bare)) {
				return true;
			}
			if (!ip && type == 2 && dnsMatches(value, bare)) {
				return true;
			}
		}
		return false;
	}

	private static boolean sameAddress(String a, String b) {
		try {
			return InetAddress.getByName(a).equals(InetAddress.getByName(b));
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean dnsMatches(String pattern, String host) {
		String name = IDN.toASCII(host).toLowerCase(Locale.ROOT);
		String wanted = pattern.toLowerCase(Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (wanted.startsWith("*.")) {
			int dot = name.indexOf('.');
			return dot > 0 && name.substring(dot).equals(wanted.substring(1)) && wanted.indexOf('.', 2) > 0;
		}
		return name.equals(wanted);
	}

	private static @Nullable String endpointIdentification(SSLEngine engine) {
		return engine.getSSLParameters().getEndpointIdentificationAlgorithm();
	}

	private static @Nullable String endpointIdentification(Socket socket) {
		return (socket instanceof SSLSocket ssl) ? ssl.getSSLParameters().getEndpointIdentificationAlgorithm() : null;
	}

	private static @Nullable String peerHost(Socket socket) {
		if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null) {
			return ssl.getHandshakeSession().getPeerHost();
		}
		return null;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isEmpty();
	}

	@FunctionalInterface
	private interface Check {

		void check(X509TrustManager pkix) throws CertificateException;

	}

	private record Snapshot(ServerMaterial material, String alias, @Nullable X509TrustManager pkix) {

		KeyMaterial key() {
			return this.material.key();
		}

	}

	/**
	 * Presents the current certificate; the alias names the material it was chosen from,
	 * so a handshake that chose just before a change still gets a matching chain and key.
	 */
	private final class CurrentKeyManager extends X509ExtendedKeyManager {

		@Override
		public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
			Snapshot snapshot = refresh();
			return ServerKeyManager.fits(snapshot.key(), keyType) ? new String[] { snapshot.alias() } : null;
		}

		@Override
		public @Nullable String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
			return choose(keyTypes);
		}

		@Override
		public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return choose(keyTypes);
		}

		private @Nullable String choose(String[] keyTypes) {
			Snapshot snapshot = refresh();
			if (keyTypes == null) {
				return null;
			}
			for (String keyType : keyTypes) {
				if (ServerKeyManager.fits(snapshot.key(), keyType)) {
					return snapshot.alias();
				}
			}
			return null;
		}

		@Override
		public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate @Nullable [] getCertificateChain(String alias) {
			Snapshot snapshot = byAlias(alias);
			return (snapshot != null) ? snapshot.key().chain().toArray(X509Certificate[]::new) : null;
		}

		@Override
		public @Nullable PrivateKey getPrivateKey(String alias) {
			Snapshot snapshot = byAlias(alias);
			return (snapshot != null) ? snapshot.key().privateKey() : null;
		}

	}

	/**
	 * Verifies called servers against the current trust material.
	 */
	private final class CurrentTrustManager extends OneSidedTrustManager {

		CurrentTrustManager() {
			super(false);
		}

		@Override
		void verifyPeer(X509Certificate[] chain, String authType, @Nullable Socket socket, @Nullable SSLEngine engine)
				throws CertificateException {
			if (identifiedBySpiffeId(chain)) {
				// an SVID names its workload, not a host: its SPIFFE ID stands for the
				// host
				// name
				String host = (socket != null) ? peerHost(socket) : (engine != null) ? engine.getPeerHost() : null;
				verify(chain, authType, host, true, (pkix) -> pkix.checkServerTrusted(chain, authType));
			}
			else if (socket != null) {
				verify(chain, authType, peerHost(socket), hasText(endpointIdentification(socket)),
						(pkix) -> ((X509ExtendedTrustManager) pkix).checkServerTrusted(chain, authType, socket));
			}
			else if (engine != null) {
				verify(chain, authType, engine.getPeerHost(), hasText(endpointIdentification(engine)),
						(pkix) -> ((X509ExtendedTrustManager) pkix).checkServerTrusted(chain, authType, engine));
			}
			else {
				verify(chain, authType, null, false, (pkix) -> pkix.checkServerTrusted(chain, authType));
			}
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			ServerMaterial material = refresh().material();
			return (material.trust() != null) ? material.trust().certificates().toArray(X509Certificate[]::new)
					: new X509Certificate[0];
		}

	}

}
