package io.mtls.boot.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when any {@code mtls.server} material property is set, the SPIFFE Workload API
 * or the development PKI is enabled, so a half-configured server fails loudly instead of
 * silently serving plain HTTP.
 */
class OnServerMaterialCondition extends SpringBootCondition {

	private static final List<String> MATERIAL_PROPERTIES = List.of("bundle", "certificate", "private-key", "key-store",
			"trust", "trust[0]", "trust-store", "secret-dir");

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		for (String name : MATERIAL_PROPERTIES) {
			if (environment.containsProperty("mtls.server." + name)) {
				return ConditionOutcome.match("mtls.server." + name + " is set");
			}
		}
		if (environment.getProperty("mtls.spiffe.workload-api.enabled", Boolean.class, false)) {
			return ConditionOutcome.match("mtls.spiffe.workload-api.enabled is true");
		}
		if (environment.getProperty("mtls.dev.enabled", Boolean.class, false)) {
			return ConditionOutcome.match("mtls.dev.enabled is true");
		}
		return ConditionOutcome.noMatch("no mtls.server material is set and mtls.dev.enabled is false");
	}

}
