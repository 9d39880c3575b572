package io.mtls.boot.server;

import java.security.cert.X509Certificate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal application that answers with the subject of the verified client certificate,
 * or {@code anonymous}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@RestController
public class EchoApplication {

	@GetMapping("/whoami")
	String whoami(HttpServletRequest request) {
		X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
		return (chain != null) ? chain[0].getSubjectX500Principal().getName() : "anonymous";
	}

}
