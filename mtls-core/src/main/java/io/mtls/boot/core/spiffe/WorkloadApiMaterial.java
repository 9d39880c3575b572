package io.mtls.boot.core.spiffe;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import io.mtls.boot.core.KeyMaterial;
import io.mtls.boot.core.MaterialSource;
import io.mtls.boot.core.TrustMaterial;
import org.jspecify.annotations.Nullable;

/**
 * What the Workload API last handed this workload: its X509-SVID with the private key,
 * and the X.509 bundles of its own and of every federated trust domain.
 *
 * @param spiffeId the SPIFFE ID of the SVID
 * @param key the SVID's private key and chain, leaf first
 * @param bundles the trust bundles, ordered by trust domain
 */
public record WorkloadApiMaterial(String spiffeId, KeyMaterial key, List<TrustBundle> bundles) {

	/**
	 * Creates the material, copying the bundles.
	 */
	public WorkloadApiMaterial {
		bundles = List.copyOf(bundles);
	}

	/**
	 * Returns every authority of every bundle as trust material: peers of any trust
	 * domain the agent federates with chain to one of them.
	 * @param source where the bundles come from, for messages
	 * @return the trust material
	 */
	public TrustMaterial trust(MaterialSource source) {
		return new TrustMaterial(this.bundles.stream().flatMap((bundle) -> bundle.authorities().stream()).toList(),
				source);
	}

	/**
	 * The X.509 authorities of one trust domain.
	 *
	 * @param trustDomain the trust domain name, such as {@code example.org}
	 * @param authorities its CA certificates, ordered by expiry
	 */
	public record TrustBundle(String trustDomain, List<X509Certificate> authorities) {

		/**
		 * Creates a bundle, ordering the authorities by expiry (then serial), so the same
		 * bundle pushed again compares equal.
		 */
		public TrustBundle {
			authorities = authorities.stream()
				.sorted(Comparator.comparing(X509Certificate::getNotAfter)
					.thenComparing(X509Certificate::getSerialNumber))
				.toList();
		}

		/**
		 * Returns when the first of the bundle's authorities expires.
		 * @return the earliest notAfter, or {@code null} for an empty bundle
		 */
		public @Nullable Instant earliestExpiry() {
			return this.authorities.isEmpty() ? null : this.authorities.get(0).getNotAfter().toInstant();
		}

	}

}
