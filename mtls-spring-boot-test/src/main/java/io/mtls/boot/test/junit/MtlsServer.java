package io.mtls.boot.test.junit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;

import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;

/**
 * Handle on an HTTPS server under test, listening on {@code localhost}, that sends
 * requests with a chosen client certificate.
 */
public final class MtlsServer {

	private final int port;

	private final X509Certificate[] trustAnchors;

	/**
	 * Creates a handle on the server listening on the given local port.
	 * @param port the server's TCP port
	 */
	public MtlsServer(int port) {
		this(port, new X509Certificate[0]);
	}

	private MtlsServer(int port, X509Certificate[] trustAnchors) {
		this.port = port;
		this.trustAnchors = trustAnchors;
	}

	/**
	 * Returns the URL of a path on the server.
	 * @param path the absolute path, such as {@code /hello}
	 * @return {@code https://localhost:{port}{path}}
	 */
	public URI url(String path) {
		return URI.create("https://localhost:" + port + path);
	}

	/**
	 * Returns a copy of this handle whose clients trust the given anchors to authenticate
	 * the server.
	 * @param anchors the certificates to trust
	 * @return the new handle
	 */
	public MtlsServer trusting(X509Certificate... anchors) {
		return new MtlsServer(port, anchors.clone());
	}

	/**
	 * Creates an HTTP client presenting the identity and trusting the configured anchors,
	 * or the identity's root when none were configured.
	 * @param identity the client certificate to present, or {@code null} for none
	 * (anchors are then required)
	 * @return the HTTP client
	 * @throws IllegalStateException if there is neither an identity nor a configured
	 * anchor
	 */
	public HttpClient client(IssuedCertificate identity) {
		if (trustAnchors.length > 0) {
			return MtlsClients.httpClient(identity, trustAnchors);
		}
		if (identity == null) {
			throw new IllegalStateException("Without a client identity, call trusting(...) to choose trust anchors");
		}
		return MtlsClients.httpClient(identity, identity.root());
	}

	/**
	 * Sends a GET request with a fresh {@link #client(IssuedCertificate) client} and
	 * returns the response.
	 * @param identity the client certificate to present, or {@code null} for none
	 * @param path the absolute path, such as {@code /hello}
	 * @return the response with its body as a string
	 * @throws IOException if the request fails, including TLS handshake failures
	 * @throws InterruptedException if interrupted while waiting for the response
	 */
	public HttpResponse<String> get(IssuedCertificate identity, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(url(path)).GET().build();
		return client(identity).send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public String toString() {
		return "MtlsServer[" + url("") + "]";
	}

}
