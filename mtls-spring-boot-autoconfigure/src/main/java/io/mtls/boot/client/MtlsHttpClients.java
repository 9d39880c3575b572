package io.mtls.boot.client;

import java.net.http.HttpClient;

import io.mtls.boot.core.tls.ClientTls;

/**
 * Makes plain JDK {@link HttpClient}s for outbound mTLS calls: they present the service's
 * current certificate and verify called servers with the current trust, after reloads
 * too, and keep HTTPS host name verification on.
 */
public class MtlsHttpClients {

	private final ClientTls tls;

	/**
	 * Creates the factory.
	 * @param tls the outbound TLS context
	 */
	public MtlsHttpClients(ClientTls tls) {
		this.tls = tls;
	}

	/**
	 * Returns a builder preset with the outbound TLS context, for further settings.
	 * @return a new builder
	 */
	public HttpClient.Builder newBuilder() {
		return HttpClient.newBuilder().sslContext(this.tls.sslContext());
	}

	/**
	 * Returns a client with the outbound TLS context and the JDK's other defaults.
	 * @return a new client
	 */
	public HttpClient newHttpClient() {
		return newBuilder().build();
	}

}
