package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.spiffe.WorkloadApiConnection;
import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.revocation.LoadedCrl;
import io.mtls.boot.core.revocation.RevocationChecker;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.core.inventory.ExpiryStatus;
import io.mtls.boot.core.tls.ServerTls;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of the served material: {@code OUT_OF_SERVICE} (like Spring Boot's own SSL
 * health) when the server certificate is expired or not yet valid, else {@code UP}, with
 * a warning for every server or trust certificate inside the expiry warning window.
 * Clients about to expire are listed but never change the status.
 */
public class MtlsHealthIndicator extends AbstractHealthIndicator {

	private final ServerTls tls;

	private final ClientCertificateInventory inventory;

	private final Duration expiryWarning;

	private final Clock clock;

	private volatile @Nullable Supplier<ServerMaterial> outbound;

	private @Nullable RevocationChecker revocation;

	private Duration crlWarning = Duration.ofHours(1);

	private @Nullable WorkloadApiConnection workloadApi;

	/**
	 * Creates the indicator.
	 * @param tls the server's TLS context
	 * @param inventory the client inventory
	 * @param expiryWarning how long before expiry a certificate counts as expiring
	 * @param clock the clock validity is checked against
	 */
	public MtlsHealthIndicator(ServerTls tls, ClientCertificateInventory inventory, Duration expiryWarning,
			Clock clock) {
		super("mTLS health check failed");
		this.tls = tls;
		this.inventory = inventory;
		this.expiryWarning = expiryWarning;
		this.clock = clock;
	}

	/**
	 * Also warns about the material of outbound calls where it is not the server's own.
	 * @param outbound supplies the current outbound material
	 */
	public void setOutbound(Supplier<ServerMaterial> outbound) {
		this.outbound = outbound;
	}

	/**
	 * Also reports the CRLs: a warning for each CRL within the window of its nextUpdate,
	 * and {@code OUT_OF_SERVICE} when the mode is {@code hard} and every CRL is stale
	 * (every client of those CAs is refused then).
	 * @param revocation the checker
	 * @param crlWarning how long before nextUpdate a CRL counts as due
	 */
	public void setRevocation(RevocationChecker revocation, Duration crlWarning) {
		this.revocation = revocation;
		this.crlWarning = crlWarning;
	}

	/**
	 * Also warns while the SPIFFE Workload API the material comes from is unreachable
	 * (the last SVID is still served; only its expiry takes the service out).
	 * @param workloadApi the connection
	 */
	public void setWorkloadApi(WorkloadApiConnection workloadApi) {
		this.workloadApi = workloadApi;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant now = this.clock.instant();
		ServerMaterial material = this.tls.material();
		X509Certificate server = material.key().certificate();
		ExpiryStatus serverStatus = ExpiryStatus.of(server, now, this.expiryWarning);
		List<String> warnings = new ArrayList<>();
		material.key().chain().forEach((certificate) -> warn(warnings, "server", certificate, now));
		if (material.trust() != null) {
			material.trust().certificates().forEach((certificate) -> warn(warnings, "trust", certificate, now));
		}
		Supplier<ServerMaterial> outbound = this.outbound;
		ServerMaterial client = (outbound != null) ? outbound.get() : null;
		if (client != null && client.key() != material.key()) {
			client.key().chain().forEach((certificate) -> warn(warnings, "outbound", certificate, now));
		}
		if (client != null && client.trust() != null && client.trust() != material.trust()) {
			client.trust().certificates().forEach((certificate) -> warn(warnings, "outbound trust", certificate, now));
		}
		List<String> expiringClients = this.inventory.snapshot()
			.stream()
			.filter((seen) -> ExpiryStatus.of(seen.certificate(), now, this.expiryWarning) != ExpiryStatus.VALID)
			.map((seen) -> describe(seen.certificate()))
			.toList();
		WorkloadApiConnection workloadApi = this.workloadApi;
		if (workloadApi != null && workloadApi.status().state() != WorkloadApiConnection.State.CONNECTED) {
			warnings.add("SPIFFE Workload API " + workloadApi.socket() + " unreachable since "
					+ workloadApi.status().since() + "; serving the last SVID until it expires");
		}
		boolean allCrlsStale = false;
		if (this.revocation != null) {
			warnings.addAll(RevocationDescriptor.warnings(this.revocation, now, this.crlWarning));
			List<LoadedCrl> crls = this.revocation.crls().crls();
			allCrlsStale = this.revocation.mode() == RevocationMode.HARD && !crls.isEmpty()
					&& crls.stream().allMatch((crl) -> crl.isStale(now));
		}
		builder.status((serverStatus.isUsable() && !allCrlsStale) ? Status.UP : Status.OUT_OF_SERVICE)
			.withDetail("server", describe(server))
			.withDetail("serverStatus", serverStatus)
			.withDetail("serverNotAfter", server.getNotAfter().toInstant())
			.withDetail("warnings", warnings)
			.withDetail("expiringClients", expiringClients);
	}

	private void warn(List<String> warnings, String role, X509Certificate certificate, Instant now) {
		ExpiryStatus status = ExpiryStatus.of(certificate, now, this.expiryWarning);
		if (status != ExpiryStatus.VALID) {
			warnings.add(role + " certificate " + describe(certificate) + " is " + status + " (notAfter "
					+ certificate.getNotAfter().toInstant() + ")");
		}
	}

	private static String describe(X509Certificate certificate) {
		return "'" + certificate.getSubjectX500Principal().getName() + "' serial "
				+ certificate.getSerialNumber().toString(16);
	}

}
