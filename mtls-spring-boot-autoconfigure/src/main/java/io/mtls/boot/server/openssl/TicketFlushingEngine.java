package io.mtls.boot.server.openssl;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.internal.tcnative.Buffer;
import io.netty.internal.tcnative.SSL;
import org.jspecify.annotations.Nullable;

/**
 * A native server engine that sends its TLS 1.3 session tickets as soon as the handshake
 * finishes, as the JDK's engine does. BoringSSL holds them back until the application's
 * first write, so a server under Tomcat or Jetty stays silent after the client's
 * Finished, and a client whose request waits behind Nagle's algorithm for an ACK of that
 * Finished (nginx as a proxy does) loses a delayed-ACK timeout, 40 ms on Linux, on every
 * new connection. When the handshake finishes this engine asks for one more wrap, and in
 * it makes the zero-byte write that BoringSSL documents for flushing the tickets.
 */
final class TicketFlushingEngine extends SSLEngine {

	private static final ByteBuffer NOTHING = ByteBuffer.allocateDirect(1);

	private final ReferenceCountedOpenSslEngine engine;

	private volatile boolean flushPending;

	TicketFlushingEngine(ReferenceCountedOpenSslEngine engine) {
		super(engine.getPeerHost(), engine.getPeerPort());
		this.engine = engine;
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length, ByteBuffer destination)
			throws SSLException {
		if (!this.flushPending) {
			return this.engine.wrap(sources, offset, length, destination);
		}
		this.flushPending = false;
		SSLEngineResult result;
		synchronized (this.engine) {
			// the tickets go to BoringSSL's buffer, which the wrap empties into
			// destination
			SSL.writeToSSL(this.engine.sslPointer(), Buffer.address(NOTHING), 0);
			SSL.clearError();
			result = this.engine.wrap(sources, offset, length, destination);
		}
		return (result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) ? result
				: withStatus(result, HandshakeStatus.FINISHED);
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer source, ByteBuffer[] destinations, int offset, int length)
			throws SSLException {
		SSLEngineResult result = this.engine.unwrap(source, destinations, offset, length);
		// a request that came with the Finished is answered at once, the tickets with it
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED && result.bytesProduced() == 0
				&& !source.hasRemaining() && !getUseClientMode()) {
			this.flushPending = true;
			// BoringSSL notices the end of the handshake on the unwrap after the client's
			// Finished, with no input left: an underflow that would have the server wait
			// for more before wrapping
			Status status = (result.getStatus() == Status.BUFFER_UNDERFLOW) ? Status.OK : result.getStatus();
			return new SSLEngineResult(status, HandshakeStatus.NEED_WRAP, result.bytesConsumed(),
					result.bytesProduced());
		}
		return result;
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return this.flushPending ? HandshakeStatus.NEED_WRAP : this.engine.getHandshakeStatus();
	}

	private static SSLEngineResult withStatus(SSLEngineResult result, HandshakeStatus status) {
		return new SSLEngineResult(result.getStatus(), status, result.bytesConsumed(), result.bytesProduced());
	}

	@Override
	public @Nullable Runnable getDelegatedTask() {
		return this.engine.getDelegatedTask();
	}

	@Override
	public void closeInbound() throws SSLException {
		this.engine.closeInbound();
	}

	@Override
	public boolean isInboundDone() {
		return this.engine.isInboundDone();
	}

	@Override
	public void closeOutbound() {
		this.engine.closeOutbound();
	}

	@Override
	public boolean isOutboundDone() {
		return this.engine.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.engine.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.engine.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.engine.setEnabledCipherSuites(suites);
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.engine.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.engine.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.engine.setEnabledProtocols(protocols);
	}

	@Override
	public SSLSession getSession() {
		return this.engine.getSession();
	}

	@Override
	public @Nullable SSLSession getHandshakeSession() {
		return this.engine.getHandshakeSession();
	}

	@Override
	public void beginHandshake() throws SSLException {
		this.engine.beginHandshake();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.engine.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.engine.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.engine.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.engine.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.engine.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.engine.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.engine.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.engine.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.engine.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters parameters) {
		this.engine.setSSLParameters(parameters);
	}

	@Override
	public @Nullable String getApplicationProtocol() {
		return this.engine.getApplicationProtocol();
	}

	@Override
	public @Nullable String getHandshakeApplicationProtocol() {
		return this.engine.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		this.engine.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public @Nullable BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.engine.getHandshakeApplicationProtocolSelector();
	}

}
