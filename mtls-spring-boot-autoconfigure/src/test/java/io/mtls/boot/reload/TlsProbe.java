package io.mtls.boot.reload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One HTTPS request on a new TCP connection and TLS handshake, reporting which server
 * certificate was served.
 */
final class TlsProbe {

	private TlsProbe() {
	}

	/**
	 * Sends {@code GET path} with {@code Connection: close}.
	 * @param sslContext the client context (its session cache allows resumption)
	 * @param port the server port
	 * @param path the path
	 * @return the response
	 * @throws IOException if the handshake or request fails
	 */
	static Response get(SSLContext sslContext, int port, String path) throws IOException {
		try (SSLSocket socket = (SSLSocket) sslContext.getSocketFactory().createSocket("localhost", port)) {
			socket.setSoTimeout(10_000);
			var parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			if (!response.startsWith("HTTP/1.1 ")) {
				throw new IOException("No HTTP response: '" + response + "'");
			}
			return new Response(Integer.parseInt(response.substring(9, 12)), served.getSerialNumber());
		}
	}

	/**
	 * An HTTP status and the serial of the server certificate that was served.
	 *
	 * @param status the HTTP status
	 * @param serverSerial the served certificate's serial number
	 */
	record Response(int status, BigInteger serverSerial) {

	}

}
