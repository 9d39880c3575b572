package io.mtls.boot.security;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.mtls.boot.server.TestCertificates;
import io.mtls.boot.test.client.MtlsClients;

/**
 * One HTTP/1.1 connection over TLS from a chosen loopback address, presenting no client
 * certificate, kept alive across requests as a proxy's connection to its upstream is. It
 * opens a new connection only when the server closed the last one, and counts how often.
 */
final class KeptAliveConnection implements Closeable {

	private final String sourceAddress;

	private final int port;

	private SSLSocket socket;

	private InputStream in;

	private int connections;

	KeptAliveConnection(String sourceAddress, int port) {
		this.sourceAddress = sourceAddress;
		this.port = port;
	}

	/**
	 * Sends {@code GET path} with the given headers and reads the whole response.
	 * @param path the path
	 * @param headers header names and raw values (ISO-8859-1)
	 * @return the response
	 */
	Response get(String path, Map<String, String> headers) {
		try {
			if (this.socket == null) {
				open();
			}
			StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			OutputStream out = this.socket.getOutputStream();
			out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			Response response = read();
			if (response.closes()) {
				close();
			}
			return response;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns how many connections were opened so far.
	 * @return the count
	 */
	int connections() {
		return this.connections;
	}

	@Override
	public void close() throws IOException {
		if (this.socket != null) {
			this.socket.close();
			this.socket = null;
		}
	}

	private void open() throws IOException {
		this.socket = (SSLSocket) MtlsClients.sslContext(null, TestCertificates.CA.certificate())
			.getSocketFactory()
			.createSocket();
		this.socket.bind(new InetSocketAddress(InetAddress.getByName(this.sourceAddress), 0));
		this.socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
		this.socket.setSoTimeout(10_000);
		this.socket.setTcpNoDelay(true);
		this.socket.startHandshake();
		this.in = new BufferedInputStream(this.socket.getInputStream());
		this.connections++;
	}

	private Response read() throws IOException {
		String statusLine = line();
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		int length = -1;
		boolean chunked = false;
		boolean closes = false;
		for (String header = line(); !header.isEmpty(); header = line()) {
			String lower = header.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				length = Integer.parseInt(lower.substring(15).trim());
			}
			else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
			else if (lower.startsWith("connection:") && lower.contains("close")) {
				closes = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0; size = Integer
				.parseInt(line().split(";")[0].trim(), 16)) {
				body.write(this.in.readNBytes(size));
				line();
			}
			line();
		}
		else if (length >= 0) {
			body.write(this.in.readNBytes(length));
		}
		else {
			body.write(this.in.readAllBytes());
			closes = true;
		}
		return new Response(status, body.toString(StandardCharsets.UTF_8), closes);
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		for (int c = this.in.read(); c != '\n'; c = this.in.read()) {
			if (c < 0) {
				throw new IOException("the server closed the connection mid-response");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param body the body
	 * @param closes whether the server closes the connection after it
	 */
	record Response(int status, String body, boolean closes) {

	}

}
