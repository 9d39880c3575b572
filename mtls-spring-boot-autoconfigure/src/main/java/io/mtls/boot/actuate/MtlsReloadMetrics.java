package io.mtls.boot.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mtls.boot.reload.MtlsMaterialReloadedEvent;
import io.mtls.boot.reload.MtlsReloadEvent;

import org.springframework.context.ApplicationListener;

/**
 * Counts reloads in {@code mtls.reload}, tagged {@code outcome} = success | failure.
 */
public class MtlsReloadMetrics implements ApplicationListener<MtlsReloadEvent> {

	private final Counter successes;

	private final Counter failures;

	/**
	 * Registers the counters.
	 * @param registry the meter registry
	 */
	public MtlsReloadMetrics(MeterRegistry registry) {
		this.successes = counter(registry, "success");
		this.failures = counter(registry, "failure");
	}

	private static Counter counter(MeterRegistry registry, String outcome) {
		return Counter.builder("mtls.reload")
			.description("Reloads of the server's key and trust material")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public void onApplicationEvent(MtlsReloadEvent event) {
		if (event instanceof MtlsMaterialReloadedEvent) {
			this.successes.increment();
		}
		else {
			this.failures.increment();
		}
	}

}
