package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.identity.DistinguishedName;
import io.mtls.boot.core.inventory.ClientCertificateInventory;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.reload.MtlsMaterialReloadedEvent;
import io.mtls.boot.reload.MtlsReloadEvent;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationListener;

/**
 * The mTLS meters: certificate expiry gauges for the server chain, the trust anchors and
 * the clients in the inventory (so client series are bounded like the inventory), and the
 * {@code mtls.authentication} and {@code mtls.reload} counters.
 */
public class MtlsMetrics implements ClientCertificateListener, ApplicationListener<MtlsReloadEvent> {

	private static final String EXPIRY = "mtls.certificate.expiry";

	private static final String NOT_AFTER = "mtls.certificate.not.after";

	private final MeterRegistry registry;

	private final Clock clock;

	private final Counter authenticated;

	private final Counter reloaded;

	private final Counter reloadFailed;

	private final Map<RejectionReason, Counter> failures = new ConcurrentHashMap<>();

	private final Map<X509Certificate, List<Meter>> clientGauges = new ConcurrentHashMap<>();

	private final ClientCertificateInventory inventory;

	private List<Meter> materialGauges = List.of();

	/**
	 * Registers the meters.
	 * @param registry the registry
	 * @param material the material served at startup; reloads are followed through
	 * {@link MtlsMaterialReloadedEvent}s
	 * @param inventory the client inventory, whose entries are measured
	 * @param clock the clock expiry is measured against
	 */
	public MtlsMetrics(MeterRegistry registry, ServerMaterial material, ClientCertificateInventory inventory,
			Clock clock) {
		this.registry = registry;
		this.inventory = inventory;
		this.clock = clock;
		this.authenticated = authentication("success", "authenticated");
		this.reloaded = reloads("success");
		this.reloadFailed = reloads("failure");
		inventory.onEviction(this::removeClient);
		measureMaterial(material);
	}

	@Override
	public void accepted(List<X509Certificate> chain) {
		measureClient(chain.get(0));
	}

	@Override
	public void forwarded(List<X509Certificate> chain) {
		measureClient(chain.get(0));
	}

	@Override
	public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
		failed(reason);
		if (!chain.isEmpty()) {
			measureClient(chain.get(0));
		}
	}

	@Override
	public void authenticated(X509Certificate leaf, String principal) {
		this.authenticated.increment();
	}

	@Override
	public void refused(@Nullable X509Certificate leaf, RejectionReason reason) {
		failed(reason);
	}

	@Override
	public void onApplicationEvent(MtlsReloadEvent event) {
		if (event instanceof MtlsMaterialReloadedEvent reload) {
			this.reloaded.increment();
			measureMaterial(reload.getCurrent());
		}
		else {
			this.reloadFailed.increment();
		}
	}

	private void failed(RejectionReason reason) {
		this.failures.computeIfAbsent(reason, (key) -> authentication("failure", key.code())).increment();
	}

	private Counter authentication(String outcome, String reason) {
		return Counter.builder("mtls.authentication")
			.description("Client certificate authentications, at the handshake and per request")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

	private Counter reloads(String outcome) {
		return Counter.builder("mtls.reload")
			.description("Reloads of the server's key and trust material")
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private synchronized void measureMaterial(ServerMaterial material) {
		this.materialGauges.forEach(this.registry::remove);
		List<Meter> gauges = new ArrayList<>();
		material.key().chain().forEach((certificate) -> gauges.addAll(gauges(certificate, "server")));
		if (material.trust() != null) {
			material.trust().certificates().forEach((certificate) -> gauges.addAll(gauges(certificate, "trust")));
		}
		this.materialGauges = gauges;
	}

	private void measureClient(X509Certificate leaf) {
		// only certificates the inventory holds get series, so the series are bounded
		// like it
		if (!this.clientGauges.containsKey(leaf) && this.inventory.contains(leaf)) {
			this.clientGauges.computeIfAbsent(leaf, (certificate) -> gauges(certificate, "client"));
		}
	}

	private void removeClient(X509Certificate leaf) {
		List<Meter> gauges = this.clientGauges.remove(leaf);
		if (gauges != null) {
			gauges.forEach(this.registry::remove);
		}
	}

	private List<Meter> gauges(X509Certificate certificate, String role) {
		long notAfter = certificate.getNotAfter().getTime() / 1000;
		String commonName = commonName(certificate);
		String serial = certificate.getSerialNumber().toString(16);
		Gauge expiry = Gauge.builder(EXPIRY, this.clock, (clock) -> notAfter - clock.millis() / 1000.0)
			.description("Seconds until the certificate expires (negative once expired)")
			.baseUnit("seconds")
			.tag("role", role)
			.tag("cn", commonName)
			.tag("serial", serial)
			.register(this.registry);
		Gauge epoch = Gauge.builder(NOT_AFTER, () -> notAfter)
			.description("When the certificate expires, in seconds since the epoch")
			.baseUnit("seconds")
			.tag("role", role)
			.tag("cn", commonName)
			.tag("serial", serial)
			.register(this.registry);
		return List.of(expiry, epoch);
	}

	private static String commonName(X509Certificate certificate) {
		List<String> names = DistinguishedName.of(certificate.getSubjectX500Principal()).values("CN");
		return names.isEmpty() ? "" : names.get(0);
	}

}
