package io.mtls.boot.server.tomcat;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ServerTls;
import org.apache.tomcat.util.net.SSLContext;

/**
 * Presents an already initialised {@link ServerTls} context to Tomcat, which then uses it
 * instead of building one from key store settings.
 */
class TomcatSslContextAdapter implements SSLContext {

	private final ServerTls tls;

	TomcatSslContextAdapter(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) {
		// the wrapped context is initialised with the mTLS key and trust managers already
	}

	@Override
	public void destroy() {
	}

	@Override
	public SSLSessionContext getServerSessionContext() {
		return this.tls.sslContext().getServerSessionContext();
	}

	@Override
	public SSLEngine createSSLEngine() {
		return this.tls.sslContext().createSSLEngine();
	}

	@Override
	public SSLServerSocketFactory getServerSocketFactory() {
		return this.tls.sslContext().getServerSocketFactory();
	}

	@Override
	public SSLParameters getSupportedSSLParameters() {
		return this.tls.sslContext().getSupportedSSLParameters();
	}

	@Override
	public X509Certificate[] getCertificateChain(String alias) {
		return this.tls.material().key().chain().toArray(X509Certificate[]::new);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		ServerMaterial material = this.tls.material();
		return (material.trust() != null) ? material.trust().certificates().toArray(X509Certificate[]::new)
				: new X509Certificate[0];
	}

}
