package io.mtls.boot.server.netty;

import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;

import io.mtls.boot.server.openssl.NativeServerSslContext;
import io.mtls.boot.server.openssl.SessionTickets;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.IllegalReferenceCountException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateExecutor;

/**
 * A server-side Netty {@link SslContext} whose every new connection gets its engine from
 * the context it was last handed: new handshakes switch at once, while an engine already
 * created (an open connection) keeps the context it was created from. A JDK
 * {@link SSLContext} is wrapped; a native one ({@link NativeServerSslContext}) serves its
 * BoringSSL context directly, holding a reference on it while it is the current one, and
 * each engine holds its own until its connection closes.
 */
final class CurrentSslContext extends SslContext {

	private final ClientAuth clientAuth;

	private final ApplicationProtocolConfig protocols;

	private volatile SslContext current;

	CurrentSslContext(SSLContext initial, ClientAuth clientAuth, ApplicationProtocolConfig protocols) {
		this.clientAuth = clientAuth;
		this.protocols = protocols;
		this.current = served(initial);
	}

	/**
	 * Makes new connections use the given context, and lets go of the previous one.
	 * @param sslContext the context, initialised with the mTLS key and trust managers
	 */
	void use(SSLContext sslContext) {
		SslContext previous = this.current;
		this.current = served(sslContext);
		ReferenceCountUtil.release(previous);
	}

	private SslContext served(SSLContext sslContext) {
		if (sslContext instanceof NativeServerSslContext nativeContext) {
			return ReferenceCountUtil.retain(nativeContext.nettyContext());
		}
		return new JdkSslContext(sslContext, false, null, IdentityCipherSuiteFilter.INSTANCE, this.protocols,
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
		return create((context) -> context.newEngine(allocator), Function.identity());
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator allocator, String peerHost, int peerPort) {
		return create((context) -> context.newEngine(allocator, peerHost, peerPort), Function.identity());
	}

	// the context's own handler: a native one runs its engine without the JDK
	// compatibility mode
	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, boolean startTls) {
		return sendingTickets(
				create((context) -> context.newHandler(allocator, ImmediateExecutor.INSTANCE), SslHandler::engine));
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator allocator, String peerHost, int peerPort, boolean startTls) {
		return sendingTickets(
				create((context) -> context.newHandler(allocator, peerHost, peerPort, ImmediateExecutor.INSTANCE),
						SslHandler::engine));
	}

	/**
	 * Sends a native engine's session tickets as soon as its handshake ends, as JSSE
	 * does: BoringSSL holds them back until the first response, and a client whose
	 * request waits for an ACK of its Finished would lose a delayed ACK per connection.
	 */
	private static SslHandler sendingTickets(SslHandler handler) {
		if (handler.engine() instanceof ReferenceCountedOpenSslEngine engine) {
			handler.handshakeFuture().addListener((Future<Channel> handshake) -> {
				if (handshake.isSuccess()) {
					SessionTickets.queue(engine);
					handshake.getNow().flush();
				}
			});
		}
		return handler;
	}

	@Override
	public SSLSessionContext sessionContext() {
		return this.current.sessionContext();
	}

	private <T> T create(Function<SslContext, T> factory, Function<T, SSLEngine> engine) {
		while (true) {
			SslContext context = this.current;
			try {
				T created = factory.apply(context);
				applyClientAuth(engine.apply(created));
				return created;
			}
			catch (IllegalReferenceCountException ex) {
				// a reload replaced and released it since it was read: the next one
				// serves
				if (context == this.current) {
					throw ex;
				}
			}
		}
	}

	// a native context is built for 'want' and told per engine, as Tomcat and Jetty do
	private void applyClientAuth(SSLEngine engine) {
		switch (this.clientAuth) {
			case REQUIRE -> engine.setNeedClientAuth(true);
			case OPTIONAL -> engine.setWantClientAuth(true);
			case NONE -> engine.setNeedClientAuth(false);
		}
	}

}
