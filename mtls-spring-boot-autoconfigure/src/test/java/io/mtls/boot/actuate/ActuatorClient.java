package io.mtls.boot.actuate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.mtls.boot.test.client.MtlsClients;
import io.mtls.boot.pki.IssuedCertificate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.ConfigurableWebServerApplicationContext;

import static io.mtls.boot.server.TestCertificates.CA;

/**
 * Calls actuator endpoints over mTLS.
 */
final class ActuatorClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ActuatorClient() {
	}

	static HttpResponse<String> send(ConfigurableWebServerApplicationContext context, IssuedCertificate client,
			String method, String path) throws Exception {
		URI uri = URI.create("https://localhost:" + context.getWebServer().getPort() + path);
		return MtlsClients.httpClient(client, CA.certificate())
			.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	static JsonNode json(ConfigurableWebServerApplicationContext context, IssuedCertificate client, String path)
			throws Exception {
		return JSON.readTree(send(context, client, "GET", path).body());
	}

}
