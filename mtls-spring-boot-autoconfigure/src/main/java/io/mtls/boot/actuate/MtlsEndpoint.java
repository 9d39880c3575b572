package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.reload.MtlsMaterialReloader;
import io.mtls.boot.reload.ReloadResult;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code mtls} actuator endpoint: the server chain and trust anchors being served and
 * the reload status; a write operation reloads the material now.
 */
@Endpoint(id = "mtls")
public class MtlsEndpoint {

	private final ServerTls tls;

	private final MtlsMaterialReloader reloader;

	/**
	 * Creates the endpoint.
	 * @param tls the server's TLS context
	 * @param reloader the material reloader, or {@code null} for spring.ssl.bundle
	 * material
	 */
	public MtlsEndpoint(ServerTls tls, MtlsMaterialReloader reloader) {
		this.tls = tls;
		this.reloader = reloader;
	}

	@ReadOperation
	public Map<String, Object> mtls() {
		ServerMaterial material = this.tls.material();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("server", describe(material.key().chain()));
		body.put("trust", describe((material.trust() != null) ? material.trust().certificates() : List.of()));
		body.put("reload", (this.reloader != null) ? this.reloader.status() : Map.of("outcome", "disabled"));
		return body;
	}

	/**
	 * Reloads the material now and tells what changed, or why the new material was
	 * rejected.
	 * @return the outcome
	 */
	@WriteOperation
	public Map<String, Object> reload() {
		Map<String, Object> body = new LinkedHashMap<>();
		if (this.reloader == null) {
			body.put("outcome", "disabled");
			body.put("reason", "The material comes from a spring.ssl.bundle; Spring Boot reloads bundles.");
			return body;
		}
		ReloadResult result = this.reloader.reload();
		body.put("outcome", result.outcome());
		if (result.reason() != null) {
			body.put("reason", result.reason());
		}
		if (result.current() != null) {
			body.put("previous", CertificateDescriptor.of(result.previous().key().certificate()));
			body.put("current", CertificateDescriptor.of(result.current().key().certificate()));
		}
		return body;
	}

	private static List<CertificateDescriptor> describe(List<X509Certificate> certificates) {
		return certificates.stream().map(CertificateDescriptor::of).toList();
	}

}
