package io.mtls.boot.actuate;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.client.ServerRefusals;
import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.ServerMaterial;
import io.mtls.boot.core.identity.DistinguishedName;
import io.mtls.boot.core.tls.ClientHandshakeListener;
import io.mtls.boot.core.tls.ClientTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Meters of outbound calls: {@code mtls.certificate.expiry} and
 * {@code mtls.certificate.not.after} with {@code role="outbound"} for the certificate the
 * service presents (following reloads), and {@code mtls.client.handshake} counting the
 * verdicts on called servers' certificates by {@code outcome} and {@code reason}
 * ({@code accepted}, {@code rejected}) and the calls the called server refused
 * ({@code outcome="refused"}, {@code reason="refused-by-server"}).
 */
public class MtlsClientMetrics implements ClientHandshakeListener, ServerRefusals.Listener, SmartInitializingSingleton {

	private final MeterRegistry registry;

	private final ObjectProvider<ClientTls> tls;

	private final Clock clock;

	private final Counter accepted;

	private final Map<RejectionReason, Counter> rejected = new ConcurrentHashMap<>();

	private final Map<RejectionReason, Counter> refused = new ConcurrentHashMap<>();

	private List<Meter> gauges = List.of();

	/**
	 * Creates the meters.
	 * @param registry the registry
	 * @param tls the outbound TLS context, measured once every bean exists
	 * @param clock the clock expiry is measured against
	 */
	public MtlsClientMetrics(MeterRegistry registry, ObjectProvider<ClientTls> tls, Clock clock) {
		this.registry = registry;
		this.tls = tls;
		this.clock = clock;
		this.accepted = handshakes("accepted", "accepted");
	}

	@Override
	public void afterSingletonsInstantiated() {
		ClientTls clientTls = this.tls.getIfAvailable();
		if (clientTls != null) {
			measure(clientTls.material());
			clientTls.onChange(this::measure);
		}
	}

	@Override
	public void accepted(List<X509Certificate> chain) {
		this.accepted.increment();
	}

	@Override
	public void rejected(List<X509Certificate> chain, RejectionReason reason, String detail) {
		this.rejected.computeIfAbsent(reason, (key) -> handshakes("rejected", key.code())).increment();
	}

	@Override
	public void refused(RejectionReason reason, String detail) {
		this.refused.computeIfAbsent(reason, (key) -> handshakes("refused", key.code())).increment();
	}

	private Counter handshakes(String outcome, String reason) {
		return Counter.builder("mtls.client.handshake")
			.description("Verdicts on called servers' certificates, and their refusals of ours, in outbound calls")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

	private synchronized void measure(ServerMaterial material) {
		this.gauges.forEach(this.registry::remove);
		X509Certificate certificate = material.key().certificate();
		long notAfter = certificate.getNotAfter().getTime() / 1000;
		List<String> names = DistinguishedName.of(certificate.getSubjectX500Principal()).values("CN");
		String commonName = names.isEmpty() ? "" : names.get(0);
		String serial = certificate.getSerialNumber().toString(16);
		Gauge expiry = Gauge
			.builder("mtls.certificate.expiry", this.clock, (clock) -> notAfter - clock.millis() / 1000.0)
			.description("Seconds until the certificate expires (negative once expired)")
			.baseUnit("seconds")
			.tag("role", "outbound")
			.tag("cn", commonName)
			.tag("serial", serial)
			.register(this.registry);
		Gauge epoch = Gauge.builder("mtls.certificate.not.after", () -> notAfter)
			.description("When the certificate expires, in seconds since the epoch")
			.baseUnit("seconds")
			.tag("role", "outbound")
			.tag("cn", commonName)
			.tag("serial", serial)
			.register(this.registry);
		this.gauges = List.of(expiry, epoch);
	}

}
