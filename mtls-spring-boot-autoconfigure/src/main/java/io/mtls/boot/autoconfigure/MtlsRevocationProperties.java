package io.mtls.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mtls.boot.core.revocation.RevocationMode;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of revocation: CRLs, OCSP and a deny-list
 * ({@code mtls.revocation.*}). Bound by {@link MtlsRevocationConfiguration}. Unknown keys
 * are refused by {@link UnknownMtlsKeysCheck} rather than by strict binding, so that
 * lists override as in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls.revocation")
public class MtlsRevocationProperties {

	/**
	 * What an unknown revocation status means: hard refuses the handshake, soft admits it
	 * (logged and counted), off disables CRL and OCSP checks (the deny-list still
	 * applies).
	 */
	private RevocationMode mode = RevocationMode.HARD;

	/**
	 * PEM or DER CRL files, or directories of them, watched and reloaded like key
	 * material.
	 */
	private List<String> crl = new ArrayList<>();

	private final Ocsp ocsp = new Ocsp();

	/**
	 * Certificates refused at once with reason 'denied', as 'serial:<hex>' or
	 * 'sha256:<hex>' (any case, colons allowed); re-read on POST /actuator/mtls.
	 */
	private List<String> deny = new ArrayList<>();

	/**
	 * File of deny-list entries, one per line ('#' starts a comment), watched and
	 * reloaded.
	 */
	private @Nullable String denyFile;

	public RevocationMode getMode() {
		return this.mode;
	}

	public void setMode(RevocationMode mode) {
		this.mode = mode;
	}

	public List<String> getCrl() {
		return this.crl;
	}

	public void setCrl(List<String> crl) {
		this.crl = crl;
	}

	public Ocsp getOcsp() {
		return this.ocsp;
	}

	public List<String> getDeny() {
		return this.deny;
	}

	public void setDeny(List<String> deny) {
		this.deny = deny;
	}

	public @Nullable String getDenyFile() {
		return this.denyFile;
	}

	public void setDenyFile(@Nullable String denyFile) {
		this.denyFile = denyFile;
	}

	/**
	 * OCSP settings.
	 */
	public static class Ocsp {

		/**
		 * Whether to ask OCSP responders for the status of client certificates that no
		 * fresh CRL covers.
		 */
		private boolean enabled = false;

		/**
		 * OCSP responder URL used for every client certificate instead of the one in its
		 * authority information access extension.
		 */
		private @Nullable String responder;

		/**
		 * How long to wait for an OCSP responder before the status counts as unknown.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		/**
		 * How long to keep an OCSP answer, capped by the response's nextUpdate.
		 */
		private Duration cache = Duration.ofMinutes(10);

		/**
		 * Maximum number of OCSP requests in flight at once; a handshake that would
		 * exceed it does not wait and gets status unknown.
		 */
		private int maxConcurrentRequests = 16;

		/**
		 * Maximum number of certificates whose OCSP answers are cached.
		 */
		private int cacheSize = 10000;

		/**
		 * Whether to send a nonce in OCSP requests (responders that pre-sign answers may
		 * not echo it, and such answers cannot be cached by a proxy either).
		 */
		private boolean nonce = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getResponder() {
			return this.responder;
		}

		public void setResponder(@Nullable String responder) {
			this.responder = responder;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getCache() {
			return this.cache;
		}

		public void setCache(Duration cache) {
			this.cache = cache;
		}

		public int getMaxConcurrentRequests() {
			return this.maxConcurrentRequests;
		}

		public void setMaxConcurrentRequests(int maxConcurrentRequests) {
			this.maxConcurrentRequests = maxConcurrentRequests;
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

		public boolean isNonce() {
			return this.nonce;
		}

		public void setNonce(boolean nonce) {
			this.nonce = nonce;
		}

	}

}
