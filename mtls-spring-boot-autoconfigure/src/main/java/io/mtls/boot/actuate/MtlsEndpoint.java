package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.client.ClientMaterial;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.identity.ClientIdentity;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.core.TrustMaterial;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.tls.ClientTls;
import io.mtls.boot.core.tls.ServerTls;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.reload.MtlsMaterialReloader;
import io.mtls.boot.reload.MtlsRevocationReloader;
import io.mtls.boot.reload.ReloadResult;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code mtls} actuator endpoint: the server chain and trust anchors being served
 * with their expiry status, the client certificates seen recently, and the reload status;
 * a write operation reloads the material now.
 */
@Endpoint(id = "mtls")
public class MtlsEndpoint {

	private final ServerTls tls;

	private final @Nullable MtlsMaterialReloader reloader;

	private final ClientCertificateInventory inventory;

	private final Duration expiryWarning;

	private final Clock clock;

	private final @Nullable ClientTls clientTls;

	private final @Nullable ClientMaterial clientMaterial;

	private @Nullable RevocationChecker revocation;

	private @Nullable MtlsRevocationReloader revocationReloader;

	private Duration crlWarning = Duration.ofHours(1);

	private @Nullable WorkloadApiConnection workloadApi;

	/**
	 * Creates the endpoint.
	 * @param tls the server's TLS context
	 * @param reloader the material reloader, or {@code null} for spring.ssl.bundle
	 * material
	 * @param inventory the client certificates seen recently
	 * @param expiryWarning how long before expiry a certificate counts as expiring
	 * @param clock the clock validity is checked against
	 */
	public MtlsEndpoint(ServerTls tls, @Nullable MtlsMaterialReloader reloader, ClientCertificateInventory inventory,
			Duration expiryWarning, Clock clock) {
		this(tls, reloader, inventory, expiryWarning, clock, null, null);
	}

	/**
	 * Creates the endpoint, with outbound material.
	 * @param tls the server's TLS context
	 * @param reloader the material reloader, or {@code null} for spring.ssl.bundle
	 * material
	 * @param inventory the client certificates seen recently
	 * @param expiryWarning how long before expiry a certificate counts as expiring
	 * @param clock the clock validity is checked against
	 * @param clientTls the outbound TLS context, or {@code null}
	 * @param clientMaterial the outbound material, or {@code null}
	 */
	public MtlsEndpoint(ServerTls tls, @Nullable MtlsMaterialReloader reloader, ClientCertificateInventory inventory,
			Duration expiryWarning, Clock clock, @Nullable ClientTls clientTls,
			@Nullable ClientMaterial clientMaterial) {
		this.clientTls = clientTls;
		this.clientMaterial = clientMaterial;
		this.tls = tls;
		this.reloader = reloader;
		this.inventory = inventory;
		this.expiryWarning = expiryWarning;
		this.clock = clock;
	}

	/**
	 * Shows revocation (CRLs, deny-list, OCSP statistics) and reloads it with the
	 * material.
	 * @param revocation the checker
	 * @param reloader its reloader, or {@code null}
	 * @param crlWarning how long before nextUpdate a CRL counts as due
	 */
	public void setRevocation(RevocationChecker revocation, @Nullable MtlsRevocationReloader reloader,
			Duration crlWarning) {
		this.revocation = revocation;
		this.revocationReloader = reloader;
		this.crlWarning = crlWarning;
	}

	/**
	 * Shows the SPIFFE Workload API the material comes from: this service's SPIFFE ID,
	 * its SVID's expiry, each trust bundle and the connection's state.
	 * @param workloadApi the connection
	 */
	public void setWorkloadApi(WorkloadApiConnection workloadApi) {
		this.workloadApi = workloadApi;
	}

	@ReadOperation
	public Map<String, Object> mtls() {
		Instant now = this.clock.instant();
		ServerMaterial material = this.tls.material();
		Map<String, Object> body = new LinkedHashMap<>();
		WorkloadApiConnection workloadApi = this.workloadApi;
		body.put("source",
				(workloadApi != null) ? WorkloadApiConnection.SOURCE_NAME : material.key().source().property());
		if (workloadApi != null) {
			body.put("spiffe", spiffe(workloadApi, material));
		}
		body.put("server", describe(material.key().chain(), now));
		body.put("trust", describe((material.trust() != null) ? material.trust().certificates() : List.of(), now));
		body.put("trustWarnings", (material.trust() != null)
				? material.trust().unusable(now).values().stream().map(TrustMaterial.AnchorProblem::detail).toList()
				: List.of());
		body.put("clients", this.inventory.snapshot()
			.stream()
			.map((seen) -> new ClientDescriptor(principal(seen),
					CertificateDescriptor.of(seen.certificate(), now, this.expiryWarning), seen.firstSeen(),
					seen.lastSeen(), seen.requests(),
					(seen.lastRejectionReason() != null) ? seen.lastRejectionReason().code() : null, seen.via()))
			.toList());
		body.put("reload", (this.reloader != null) ? this.reloader.status() : Map.of("outcome", "disabled"));
		if (this.clientTls != null) {
			body.put("client", client(this.clientTls, now));
		}
		if (this.revocation != null) {
			body.put("revocation",
					RevocationDescriptor.describe(this.revocation, this.revocationReloader, now, this.crlWarning));
		}
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
		if (this.revocationReloader != null) {
			// CRLs, deny-file and the mtls.revocation.deny property, re-read
			body.put("revocation", this.revocationReloader.reload());
		}
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
		ServerMaterial previous = result.previous();
		ServerMaterial current = result.current();
		if (previous != null && current != null) {
			Instant now = this.clock.instant();
			body.put("previous", CertificateDescriptor.of(previous.key().certificate(), now, this.expiryWarning));
			body.put("current", CertificateDescriptor.of(current.key().certificate(), now, this.expiryWarning));
		}
		return body;
	}

	private Map<String, Object> client(ClientTls clientTls, Instant now) {
		ServerMaterial material = clientTls.material();
		ClientMaterial clientMaterial = this.clientMaterial;
		boolean own = clientMaterial != null && clientMaterial.hasOwnMaterial();
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("source", own ? "mtls.client" : "mtls.server");
		client.put("certificate", describe(material.key().chain(), now));
		client.put("trust", describe((material.trust() != null) ? material.trust().certificates() : List.of(), now));
		client.put("serverIdentity", clientTls.serverIdentity().stream().map((rule) -> rule.criteria()).toList());
		if (clientMaterial != null && own) {
			client.put("reload", clientMaterial.status());
		}
		return client;
	}

	private static Map<String, Object> spiffe(WorkloadApiConnection workloadApi, ServerMaterial material) {
		WorkloadApiConnection.Status status = workloadApi.status();
		Map<String, Object> spiffe = new LinkedHashMap<>();
		spiffe.put("socket", workloadApi.socket());
		spiffe.put("spiffeId", ClientIdentity.of(material.key().chain()).spiffeId().map(Object::toString).orElse(null));
		spiffe.put("svidSerialNumber", material.key().certificate().getSerialNumber().toString(16));
		spiffe.put("svidExpiry", material.key().certificate().getNotAfter().toInstant());
		spiffe.put("bundles",
				workloadApi.lastGood()
					.bundles()
					.stream()
					.map((bundle) -> new BundleDescriptor(bundle.trustDomain(), bundle.authorities().size(),
							bundle.earliestExpiry()))
					.toList());
		spiffe.put("agent", status.state());
		spiffe.put("agentSince", status.since());
		return spiffe;
	}

	private static String principal(ClientCertificateInventory.SeenCertificate seen) {
		return (seen.principal() != null) ? seen.principal() : seen.certificate().getSubjectX500Principal().getName();
	}

	private List<CertificateDescriptor> describe(List<X509Certificate> certificates, Instant now) {
		return certificates.stream()
			.map((certificate) -> CertificateDescriptor.of(certificate, now, this.expiryWarning))
			.toList();
	}

	/**
	 * A client certificate seen recently.
	 *
	 * @param principal the principal name of its last authenticated request, else its
	 * subject
	 * @param certificate the certificate
	 * @param firstSeen when it was first seen
	 * @param lastSeen when it was last seen
	 * @param requests how many authenticated requests it made
	 * @param lastRejectionReason why it was last refused, or {@code null}
	 * @param via {@code handshake}, {@code proxy} (forwarded by a trusted proxy), or both
	 */
	public record ClientDescriptor(String principal, CertificateDescriptor certificate, Instant firstSeen,
			Instant lastSeen, long requests, @Nullable String lastRejectionReason, List<String> via) {
	}

	/**
	 * A SPIFFE trust bundle the Workload API handed out.
	 *
	 * @param trustDomain the trust domain
	 * @param caCount how many X.509 authorities it holds
	 * @param earliestExpiry when the first of them expires, or {@code null} for an empty
	 * bundle
	 */
	public record BundleDescriptor(String trustDomain, int caCount, @Nullable Instant earliestExpiry) {
	}

}
