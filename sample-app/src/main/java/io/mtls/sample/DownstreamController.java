package io.mtls.sample;

import java.util.LinkedHashMap;
import java.util.Map;

import io.mtls.boot.core.tls.ServerCertificateRejectedException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Calls another service with the auto-configured {@link RestClient}: the call presents
 * this service's certificate and verifies the called server, after rotations too.
 */
@RestController
class DownstreamController {

	private final RestClient restClient;

	private final String downstreamUrl;

	DownstreamController(RestClient.Builder restClientBuilder,
			@Value("${sample.downstream-url:}") String downstreamUrl) {
		this.restClient = restClientBuilder.build();
		this.downstreamUrl = downstreamUrl;
	}

	@GetMapping("/downstream")
	ResponseEntity<Map<String, Object>> downstream() {
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.downstreamUrl.isEmpty()) {
			body.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
			body.put("error", "'sample.downstream-url' is not set");
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
		}
		try {
			return this.restClient.get().uri(this.downstreamUrl).exchange((request, response) -> {
				body.put("status", response.getStatusCode().value());
				body.put("body",
						new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
				return ResponseEntity.ok(body);
			});
		}
		catch (ResourceAccessException ex) {
			ServerCertificateRejectedException rejected = ServerCertificateRejectedException.find(ex);
			body.put("status", HttpStatus.BAD_GATEWAY.value());
			if (rejected != null) {
				body.put("reason", rejected.reason().code());
			}
			body.put("error", ex.getMessage());
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(body);
		}
	}

}
