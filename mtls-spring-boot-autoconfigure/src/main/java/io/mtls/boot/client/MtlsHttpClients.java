package io.mtls.boot.client;

import java.net.http.HttpClient;
import java.time.Duration;

import io.mtls.boot.core.tls.ClientTls;
import org.jspecify.annotations.Nullable;

/**
 * Makes plain JDK {@link HttpClient}s for outbound mTLS calls: they present the service's
 * current certificate and verify called servers with the current trust, after reloads
 * too, and keep HTTPS host name verification on.
 * <p>
 * With a maximum connection age after rotation, the clients made here stop using the
 * connections they pooled before a rotation once that age has passed: the next request
 * after it goes through a fresh client (so a new connection and handshake with the
 * current certificate), while requests still in flight finish on the old connections.
 * Calls the called server refuses with a TLS alert about this service's certificate are
 * reported to {@link ServerRefusals}.
 */
public class MtlsHttpClients {

	private final ClientTls tls;

	private final @Nullable RotationAge rotationAge;

	private final ServerRefusals refusals;

	/**
	 * Creates the factory; pooled connections live as long as the JDK keeps them.
	 * @param tls the outbound TLS context
	 */
	public MtlsHttpClients(ClientTls tls) {
		this(tls, null, ServerRefusals.NONE);
	}

	/**
	 * Creates the factory.
	 * @param tls the outbound TLS context
	 * @param maxConnectionAgeAfterRotation how long connections pooled before a rotation
	 * may still carry new requests, or {@code null} for as long as the JDK keeps them
	 * @param refusals told about calls the called server refused with a TLS alert
	 */
	public MtlsHttpClients(ClientTls tls, @Nullable Duration maxConnectionAgeAfterRotation, ServerRefusals refusals) {
		this.refusals = refusals;
		this.tls = tls;
		this.rotationAge = (maxConnectionAgeAfterRotation != null) ? new RotationAge(tls, maxConnectionAgeAfterRotation)
				: null;
	}

	/**
	 * Returns a builder preset with the outbound TLS context, for further settings. With
	 * a maximum connection age after rotation, the client it builds honours it.
	 * @return a new builder
	 */
	public HttpClient.Builder newBuilder() {
		HttpClient.Builder builder = HttpClient.newBuilder().sslContext(this.tls.sslContext());
		if (this.rotationAge == null && this.refusals == ServerRefusals.NONE) {
			return builder;
		}
		return new RotatingHttpClient.Builder(builder,
				(this.rotationAge != null) ? this.rotationAge::expired : (openedAt) -> false, this.refusals);
	}

	/**
	 * Returns a client with the outbound TLS context and the JDK's other defaults.
	 * @return a new client
	 */
	public HttpClient newHttpClient() {
		return newBuilder().build();
	}

}
