package io.mtls.boot.server;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Import;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal application that answers with the subject of the verified client certificate,
 * or {@code anonymous}, as a servlet or a WebFlux application.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ EchoApplication.ServletEcho.class, EchoApplication.ReactiveEcho.class })
public class EchoApplication {

	private static String subject(X509Certificate[] chain) {
		return (chain != null && chain.length > 0) ? chain[0].getSubjectX500Principal().getName() : "anonymous";
	}

	@RestController
	@ConditionalOnWebApplication(type = Type.SERVLET)
	static class ServletEcho {

		@GetMapping("/whoami")
		String whoami(HttpServletRequest request) {
			return subject((X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate"));
		}

	}

	@RestController
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveEcho {

		@GetMapping("/whoami")
		String whoami(ServerHttpRequest request) {
			SslInfo sslInfo = request.getSslInfo();
			return subject((sslInfo != null) ? sslInfo.getPeerCertificates() : null);
		}

	}

}
