package io.mtls.boot.core.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An outbound context that hands out the engines and sockets of a fresh inner JDK context
 * per material generation. The inner contexts share the following key and trust managers;
 * what they do not share is their session cache, so no new connection resumes a session
 * of an older identity, not even one whose TLS 1.3 ticket arrived on an old connection
 * after the change.
 */
final class FollowingSslContext extends SSLContext {

	private final Spi spi;

	private FollowingSslContext(Spi spi, String protocol) {
		super(spi, spi.inner.getProvider(), protocol);
		this.spi = spi;
	}

	static FollowingSslContext create(String protocol, KeyManager keyManager, TrustManager trustManager) {
		return new FollowingSslContext(new Spi(protocol, keyManager, trustManager), protocol);
	}

	/**
	 * Starts a new generation: new engines and sockets come from a context with an empty
	 * session cache. Connections already open keep theirs.
	 */
	void nextGeneration() {
		this.spi.inner = this.spi.newInner();
	}

	private static final class Spi extends SSLContextSpi {

		private final String protocol;

		private final KeyManager keyManager;

		private final TrustManager trustManager;

		private volatile SSLContext inner;

		Spi(String protocol, KeyManager keyManager, TrustManager trustManager) {
			this.protocol = protocol;
			this.keyManager = keyManager;
			this.trustManager = trustManager;
			this.inner = newInner();
		}

		SSLContext newInner() {
			try {
				SSLContext context = SSLContext.getInstance(this.protocol);
				context.init(new KeyManager[] { this.keyManager }, new TrustManager[] { this.trustManager }, null);
				return context;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("The JDK cannot create a TLS context for protocol " + this.protocol,
						ex);
			}
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
			throw new UnsupportedOperationException("The outbound context follows the mTLS material already");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return new FollowingSocketFactory(this);
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.inner.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.inner.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return this.inner.createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.inner.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.inner.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.inner.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.inner.getSupportedSSLParameters();
		}

	}

	/** Sockets of the generation current when each is created. */
	private static final class FollowingSocketFactory extends SSLSocketFactory {

		private final Spi spi;

		FollowingSocketFactory(Spi spi) {
			this.spi = spi;
		}

		private SSLSocketFactory current() {
			return this.spi.inner.getSocketFactory();
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return current().getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return current().getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return current().createSocket();
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return current().createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return current().createSocket(host, port);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return current().createSocket(host, port, localHost, localPort);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return current().createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return current().createSocket(address, port, localAddress, localPort);
		}

	}

}
