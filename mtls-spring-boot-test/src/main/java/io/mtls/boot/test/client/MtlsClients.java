package io.mtls.boot.test.client;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.TestPki;
import org.jspecify.annotations.Nullable;

/**
 * Builds TLS clients that present a test PKI identity and trust only the given anchors.
 */
public final class MtlsClients {

	private static final String IDENTITY_ALIAS = "identity";

	private MtlsClients() {
	}

	/**
	 * Creates a TLS context that presents the identity's {@link IssuedCertificate#chain()
	 * chain} whenever the peer asks for a certificate of its key type, even if the peer's
	 * advertised CAs do not include its issuer, and that trusts only the given anchors
	 * (PKIX). Host names are checked when the connection asks for endpoint
	 * identification, as {@link HttpClient} does.
	 * @param identity the certificate and key to present, or {@code null} to present none
	 * @param trustAnchors the certificates to trust; at least one
	 * @return the initialised TLS context
	 */
	public static SSLContext sslContext(IssuedCertificate identity, X509Certificate... trustAnchors) {
		if (trustAnchors.length == 0) {
			throw new IllegalArgumentException("At least one trust anchor is required");
		}
		try {
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance("PKIX");
			trustManagers.init(TestPki.trustStore("PKCS12", null, trustAnchors));
			KeyManager[] keyManagers = (identity != null) ? new KeyManager[] { new IdentityKeyManager(identity) }
					: new KeyManager[0];
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the TLS context", ex);
		}
	}

	/**
	 * Creates an HTTP/1.1 client with a 10 second connect timeout that uses
	 * {@link #sslContext(IssuedCertificate, X509Certificate...)} and verifies the
	 * server's host name.
	 * @param identity the certificate and key to present, or {@code null} to present none
	 * @param trustAnchors the certificates to trust; at least one
	 * @return the HTTP client
	 */
	public static HttpClient httpClient(IssuedCertificate identity, X509Certificate... trustAnchors) {
		return HttpClient.newBuilder()
			.sslContext(sslContext(identity, trustAnchors))
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	/**
	 * Key manager holding exactly one identity, offered for every request matching its
	 * key algorithm. Unlike the JDK's key managers it ignores the issuers the peer lists,
	 * so tests can present untrusted certificates.
	 */
	private static final class IdentityKeyManager extends X509ExtendedKeyManager {

		private final IssuedCertificate identity;

		IdentityKeyManager(IssuedCertificate identity) {
			this.identity = identity;
		}

		@Override
		public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
			return matches(keyType) ? new String[] { IDENTITY_ALIAS } : null;
		}

		@Override
		public @Nullable String chooseClientAlias(String[] keyTypes, Principal[] issuers, @Nullable Socket socket) {
			return Arrays.stream(keyTypes).anyMatch(this::matches) ? IDENTITY_ALIAS : null;
		}

		@Override
		public @Nullable String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
			return chooseClientAlias(keyTypes, issuers, null);
		}

		@Override
		public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
			return getClientAliases(keyType, issuers);
		}

		@Override
		public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, @Nullable Socket socket) {
			return matches(keyType) ? IDENTITY_ALIAS : null;
		}

		@Override
		public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			return chooseServerAlias(keyType, issuers, null);
		}

		@Override
		public X509Certificate @Nullable [] getCertificateChain(String alias) {
			return IDENTITY_ALIAS.equals(alias) ? identity.chain().toArray(X509Certificate[]::new) : null;
		}

		@Override
		public @Nullable PrivateKey getPrivateKey(String alias) {
			return IDENTITY_ALIAS.equals(alias) ? identity.privateKey() : null;
		}

		private boolean matches(String keyType) {
			return identity.privateKey().getAlgorithm().equals(keyType);
		}

	}

}
