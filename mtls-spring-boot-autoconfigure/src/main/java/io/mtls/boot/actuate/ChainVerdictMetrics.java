package io.mtls.boot.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.mtls.boot.core.tls.ServerTls;

/**
 * The meters of the native engine's cache of admitted client chains:
 * {@code mtls.chain.verdict.cache.lookups} (tag {@code outcome}: hit, or miss when the
 * chain was judged in full), counted across reloads, and
 * {@code mtls.chain.verdict.cache.size} (chains remembered under the current trust
 * material). Bound only when the engine remembers verdicts (the openssl engine); the JDK
 * engine judges every chain and has no cache to measure.
 */
public class ChainVerdictMetrics implements MeterBinder {

	private static final String LOOKUPS = "mtls.chain.verdict.cache.lookups";

	private final ServerTls tls;

	/**
	 * Creates the binder.
	 * @param tls the server TLS whose caches are measured
	 */
	public ChainVerdictMetrics(ServerTls tls) {
		this.tls = tls;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.tls.chainVerdicts().isEnabled()) {
			return;
		}
		FunctionCounter.builder(LOOKUPS, this.tls, (tls) -> tls.chainVerdicts().hits())
			.description("Client chains looked up in the verdict cache of the native TLS engine")
			.tag("outcome", "hit")
			.register(registry);
		FunctionCounter.builder(LOOKUPS, this.tls, (tls) -> tls.chainVerdicts().misses())
			.description("Client chains looked up in the verdict cache of the native TLS engine")
			.tag("outcome", "miss")
			.register(registry);
		Gauge.builder("mtls.chain.verdict.cache.size", this.tls, (tls) -> tls.chainVerdicts().size())
			.description("Admitted client chains remembered under the current trust material")
			.register(registry);
	}

}
