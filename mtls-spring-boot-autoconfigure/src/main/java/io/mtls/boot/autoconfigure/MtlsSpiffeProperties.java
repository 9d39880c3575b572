package io.mtls.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of SPIFFE ({@code mtls.spiffe.*}): the Workload API as the
 * source of key and trust material, and the trust domains clients may come from. Bound by
 * {@link MtlsServerAutoConfiguration}. Unknown keys are refused by
 * {@link UnknownMtlsKeysCheck}.
 */
@ConfigurationProperties(prefix = "mtls.spiffe")
public class MtlsSpiffeProperties {

	private final WorkloadApi workloadApi = new WorkloadApi();

	private final Accept accept = new Accept();

	public WorkloadApi getWorkloadApi() {
		return this.workloadApi;
	}

	public Accept getAccept() {
		return this.accept;
	}

	/**
	 * The SPIFFE Workload API as the source of the served X509-SVID and trust bundles.
	 */
	public static class WorkloadApi {

		/**
		 * Whether to serve the X509-SVID and trust the bundles of a SPIFFE Workload API
		 * (a SPIRE agent, say) instead of material files.
		 */
		private boolean enabled;

		/**
		 * Address of the Workload API socket, such as
		 * 'unix:/run/spire/sockets/agent.sock'; by default the SPIFFE_ENDPOINT_SOCKET
		 * environment variable.
		 */
		private @Nullable String socket;

		/**
		 * How long to wait at startup for the first X509-SVID before failing.
		 */
		private Duration startupTimeout = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getSocket() {
			return this.socket;
		}

		public void setSocket(@Nullable String socket) {
			this.socket = socket;
		}

		public Duration getStartupTimeout() {
			return this.startupTimeout;
		}

		public void setStartupTimeout(Duration startupTimeout) {
			this.startupTimeout = startupTimeout;
		}

	}

	/**
	 * Which peers are accepted, by SPIFFE ID.
	 */
	public static class Accept {

		/**
		 * Trust domains a client certificate's SPIFFE ID must belong to; clients of other
		 * trust domains, or without a SPIFFE ID, are refused at the handshake (reason
		 * 'trust-domain'). Empty accepts any.
		 */
		private List<String> trustDomains = new ArrayList<>();

		public List<String> getTrustDomains() {
			return this.trustDomains;
		}

		public void setTrustDomains(List<String> trustDomains) {
			this.trustDomains = trustDomains;
		}

	}

}
