package io.mtls.boot.core.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.ServerMaterial;
import org.jspecify.annotations.Nullable;

/**
 * Presents one server key and chain for every handshake whose key type fits the key.
 */
public final class ServerKeyManager extends X509ExtendedKeyManager {

	private final KeyMaterial key;

	private final String[] aliases = { ServerMaterial.KEY_ALIAS };

	/**
	 * Creates a key manager for the given key material.
	 * @param key the server key and chain
	 */
	public ServerKeyManager(KeyMaterial key) {
		this.key = key;
	}

	@Override
	public String @Nullable [] getServerAliases(String keyType, Principal[] issuers) {
		return fits(keyType) ? this.aliases.clone() : null;
	}

	@Override
	public @Nullable String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
		return fits(keyType) ? ServerMaterial.KEY_ALIAS : null;
	}

	@Override
	public @Nullable String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
		return fits(keyType) ? ServerMaterial.KEY_ALIAS : null;
	}

	@Override
	public String @Nullable [] getClientAliases(String keyType, Principal[] issuers) {
		return null;
	}

	@Override
	public @Nullable String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
		return null;
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return ServerMaterial.KEY_ALIAS.equals(alias) ? this.key.chain().toArray(X509Certificate[]::new) : null;
	}

	@Override
	public @Nullable PrivateKey getPrivateKey(String alias) {
		return ServerMaterial.KEY_ALIAS.equals(alias) ? this.key.privateKey() : null;
	}

	/**
	 * Returns whether the JSSE key type (such as {@code EC}, {@code RSA},
	 * {@code RSASSA-PSS}, {@code EdDSA} or TLS 1.2's {@code EC_RSA}) can be served by the
	 * key.
	 */
	private boolean fits(String keyType) {
		return fits(this.key, keyType);
	}

	/**
	 * Returns whether a JSSE key type can be served by the key material.
	 * @param key the key material
	 * @param keyType the JSSE key type
	 * @return whether the key fits
	 */
	static boolean fits(KeyMaterial key, String keyType) {
		String algorithm = key.certificate().getPublicKey().getAlgorithm();
		String wanted = keyType.split("_")[0];
		return wanted.equalsIgnoreCase(algorithm) || (wanted.equals("RSASSA-PSS") && algorithm.equals("RSA"))
				|| (wanted.equals("EdDSA") && (algorithm.equals("Ed25519") || algorithm.equals("Ed448")));
	}

}
