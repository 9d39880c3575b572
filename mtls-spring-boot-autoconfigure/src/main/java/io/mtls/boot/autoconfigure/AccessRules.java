package io.mtls.boot.autoconfigure;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.mtls.boot.core.InvalidMtlsConfigurationException;

/**
 * Applies {@code mtls.authorization.access} to a default chain, whichever web stack's
 * authorization DSL it is written in, after checking every rule.
 */
final class AccessRules {

	private AccessRules() {
	}

	/**
	 * Checks the rules, then hands each one's paths and access to the chain.
	 * @param rules the access rules
	 * @param paths gives the chain's access choices for a set of path patterns
	 */
	static void apply(List<MtlsIdentityProperties.Access> rules, Function<String[], Paths> paths) {
		for (int i = 0; i < rules.size(); i++) {
			validate("mtls.authorization.access[" + i + "]", rules.get(i));
		}
		for (MtlsIdentityProperties.Access access : rules) {
			Paths matched = paths.apply(access.getPattern().toArray(String[]::new));
			if (access.isPermitAll()) {
				matched.permitAll().run();
			}
			else if (access.getAuthorities().isEmpty()) {
				matched.authenticated().run();
			}
			else {
				matched.hasAnyAuthority().accept(access.getAuthorities().toArray(String[]::new));
			}
		}
	}

	private static void validate(String property, MtlsIdentityProperties.Access access) {
		if (access.getPattern().isEmpty()) {
			throw new InvalidMtlsConfigurationException("'" + property + ".pattern' is missing.",
					"Give each access rule at least one path pattern, such as '/admin/**'.");
		}
		if (access.isPermitAll() && !access.getAuthorities().isEmpty()) {
			throw new InvalidMtlsConfigurationException("'" + property + "' sets both 'permit-all' and 'authorities'.",
					"Remove 'authorities' to open the paths to everyone, or 'permit-all' to restrict them.");
		}
	}

	/**
	 * The access a chain can give to a set of paths.
	 *
	 * @param permitAll opens the paths to everyone
	 * @param authenticated opens the paths to any authenticated client
	 * @param hasAnyAuthority opens the paths to clients with one of the authorities
	 */
	record Paths(Runnable permitAll, Runnable authenticated, Consumer<String[]> hasAnyAuthority) {

	}

}
