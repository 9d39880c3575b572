package io.mtls.boot.server.openssl;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.tls.ClientCertificateTrustManager;
import io.mtls.boot.core.tls.ServerTlsEngine;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;

/**
 * BoringSSL (statically linked in {@code netty-tcnative-boringssl-static}) does the
 * handshake's key exchange and signatures natively; client chains are still judged by our
 * {@link ClientCertificateTrustManager}, which BoringSSL calls back, with its admissions
 * remembered so a returning client costs a hash. The server key is handed to BoringSSL
 * once per context. Each context has its own session cache and random ticket keys, so
 * nothing resumes across a reload.
 */
public final class OpenSslServerTlsEngine implements ServerTlsEngine {

	/** How many admitted client chains each trust manager remembers. */
	static final int CHAIN_VERDICT_CACHE_SIZE = 4096;

	/**
	 * Room for the session tickets, which carry the client's chain, when they are flushed
	 * before any response (see {@link TicketFlushingEngine}): one TLS record's worth.
	 */
	static final int TICKET_BUFFER_SIZE = 16 * 1024 + 512;

	/** How long a session may be resumed, in seconds (the JDK's default too). */
	static final int SESSION_TIMEOUT_SECONDS = 86400;

	/**
	 * Returns why the native library cannot be used on this platform, or {@code null}
	 * when it can. Call only when Netty's handler and tcnative classes are present.
	 * @return the cause, or {@code null}
	 */
	public static @Nullable Throwable unavailabilityCause() {
		return OpenSsl.isAvailable() ? null : OpenSsl.unavailabilityCause();
	}

	@Override
	public String name() {
		return "openssl";
	}

	@Override
	public int chainVerdictCacheSize() {
		return CHAIN_VERDICT_CACHE_SIZE;
	}

	@Override
	public SSLContext newContext(KeyMaterial key, ClientCertificateTrustManager trustManager)
			throws GeneralSecurityException {
		SslContext context;
		try {
			context = SslContextBuilder.forServer(key.privateKey(), key.chain())
				.sslProvider(SslProvider.OPENSSL)
				.trustManager(trustManager)
				// the server sets need or want on each engine from
				// mtls.server.client-auth
				.clientAuth(ClientAuth.OPTIONAL)
				.protocols("TLSv1.3", "TLSv1.2")
				.sessionTimeout(SESSION_TIMEOUT_SECONDS)
				.build();
		}
		catch (SSLException ex) {
			throw new GeneralSecurityException("BoringSSL refused the server key or chain: " + ex.getMessage(), ex);
		}
		// tickets under fresh random keys, held by this context alone
		((OpenSslSessionContext) context.sessionContext()).setTicketKeys();
		((ReferenceCountedOpenSslContext) context).setBioNonApplicationBufferSize(TICKET_BUFFER_SIZE);
		return new NativeServerSslContext(context);
	}

}
