package io.mtls.boot.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reports the calls of a {@code RestClient} or {@code RestTemplate} that the called
 * server refused because of this service's certificate (see {@link ServerRefusals}),
 * leaving the failure or response unchanged.
 */
class ServerRefusalInterceptor implements ClientHttpRequestInterceptor {

	private static final int PEEK = 2048;

	private final ServerRefusals refusals;

	ServerRefusalInterceptor(ServerRefusals refusals) {
		this.refusals = refusals;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		ClientHttpResponse response;
		try {
			response = execution.execute(request, body);
		}
		catch (IOException | RuntimeException ex) {
			this.refusals.failed(request.getURI(), ex);
			throw ex;
		}
		if (response.getStatusCode().value() != 400) {
			return response;
		}
		InputStream content = response.getBody();
		byte[] start = content.readNBytes(PEEK);
		this.refusals.badRequest(request.getURI(), new String(start, StandardCharsets.ISO_8859_1));
		return new Peeked(response, new SequenceInputStream(new ByteArrayInputStream(start), content));
	}

	private record Peeked(ClientHttpResponse response, InputStream body) implements ClientHttpResponse {

		@Override
		public HttpStatusCode getStatusCode() throws IOException {
			return this.response.getStatusCode();
		}

		@Override
		public String getStatusText() throws IOException {
			return this.response.getStatusText();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.response.getHeaders();
		}

		@Override
		public InputStream getBody() {
			return this.body;
		}

		@Override
		public void close() {
			this.response.close();
		}

	}

}
