package io.mtls.boot.server.netty;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;

/**
 * A server-side Netty {@link SslContext} whose every new engine comes from the JDK
 * {@link SSLContext} it was last handed: new handshakes switch at once, while an engine
 * already created (an open connection) keeps the context it was created from.
 */
final class CurrentSslContext extends SslContext {

	private final ClientAuth clientAuth;

	private final ApplicationProtocolConfig protocols;

	private volatile JdkSslContext current;

	CurrentSslContext(SSLContext initial, ClientAuth clientAuth, ApplicationProtocolConfig protocols) {
		this.clientAuth = clientAuth;
		this.protocols = protocols;
		use(initial);
	}

	/**
	 * Makes new engines come from the given context.
	 * @param sslContext the context, initialised with the mTLS key and trust managers
	 */
	void use(SSLContext sslContext) {
		this.current = new JdkSslContext(sslContext, false, null, IdentityCipherSuiteFilter.INSTANCE, this.protocols,
				this.clientAuth, null, false);
	}

	@Override
	public boolean isClient() {
		return false;
	}

	@Override
	public List<String> cipherSuites() {
		return this.current.cipherSuites();
	}

	@Override
	public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
		return this.current.applicationProtocolNegotiator();
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator) {
		return this.current.newEngine(allocator);
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
		return this.current.newEngine(allocator, peerHost, peerPort);
	}

	@Override
	public SSLSessionContext sessionContext() {
		return this.current.sessionContext();
	}

}
