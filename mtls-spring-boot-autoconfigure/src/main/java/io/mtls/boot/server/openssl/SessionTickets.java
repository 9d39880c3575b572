package io.mtls.boot.server.openssl;

import java.nio.ByteBuffer;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;

/**
 * BoringSSL's TLS 1.3 session tickets, which it holds back until the application's first
 * write. The zero-byte write that BoringSSL documents for this queues them in the
 * engine's network buffer, which the next wrap empties onto the connection.
 */
public final class SessionTickets {

	private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(1);

	private SessionTickets() {
	}

	/**
	 * Queues the tickets of a finished handshake for the next wrap.
	 * @param engine the native engine whose handshake finished
	 */
	public static void queue(ReferenceCountedOpenSslEngine engine) {
		synchronized (engine) {
			SSL.writeToSSL(engine.sslPointer(), Buffer.address(NOTHING), 0);
			SSL.clearError();
		}
	}

}
