package io.mtls.boot.core.tls;

import java.security.GeneralSecurityException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.mtls.boot.core.KeyMaterial;

/**
 * The JDK's TLS implementation (JSSE) with our key and trust managers.
 */
final class JdkServerTlsEngine implements ServerTlsEngine {

	static final JdkServerTlsEngine INSTANCE = new JdkServerTlsEngine();

	private JdkServerTlsEngine() {
	}

	@Override
	public String name() {
		return "jdk";
	}

	@Override
	public SSLContext newContext(KeyMaterial key, ClientCertificateTrustManager trustManager)
			throws GeneralSecurityException {
		SSLContext sslContext = SSLContext.getInstance("TLS");
		sslContext.init(new KeyManager[] { new ServerKeyManager(key) }, new TrustManager[] { trustManager }, null);
		return sslContext;
	}

}
