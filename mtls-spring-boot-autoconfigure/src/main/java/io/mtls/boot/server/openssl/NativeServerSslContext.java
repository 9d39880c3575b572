package io.mtls.boot.server.openssl;

import java.security.KeyManagementException;
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

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;

/**
 * A Netty OpenSSL server context seen through the {@code javax.net.ssl} API: Tomcat and
 * Jetty create its engines as they would the JDK's. Engines only: the native engine has
 * no blocking sockets. A Netty-based server takes {@link #nettyContext()} directly.
 */
public final class NativeServerSslContext extends SSLContext {

	private final SslContext nettyContext;

	NativeServerSslContext(SslContext nettyContext) {
		super(new Spi(nettyContext), null, "TLS");
		this.nettyContext = nettyContext;
	}

	/**
	 * Returns the Netty context the engines come from.
	 * @return the Netty context
	 */
	public SslContext nettyContext() {
		return this.nettyContext;
	}

	private static final class Spi extends SSLContextSpi {

		private final SslContext context;

		Spi(SslContext context) {
			this.context = context;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("The native context is built with its key and trust already");
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return new TicketFlushingEngine(
					(ReferenceCountedOpenSslEngine) this.context.newEngine(ByteBufAllocator.DEFAULT));
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return new TicketFlushingEngine(
					(ReferenceCountedOpenSslEngine) this.context.newEngine(ByteBufAllocator.DEFAULT, host, port));
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.context.sessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			throw engineOnly();
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			throw engineOnly();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			throw engineOnly();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return engineCreateSSLEngine().getSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			SSLEngine engine = engineCreateSSLEngine();
			SSLParameters parameters = engine.getSSLParameters();
			parameters.setCipherSuites(engine.getSupportedCipherSuites());
			parameters.setProtocols(engine.getSupportedProtocols());
			return parameters;
		}

		private static UnsupportedOperationException engineOnly() {
			return new UnsupportedOperationException(
					"The native TLS engine serves SSLEngine-based servers only (mtls.server.engine=openssl)");
		}

	}

}
