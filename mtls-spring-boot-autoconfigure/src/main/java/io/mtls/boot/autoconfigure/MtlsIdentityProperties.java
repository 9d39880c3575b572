package io.mtls.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.tls.ChainValidation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of client identities and their authorization: how a client
 * certificate is validated and becomes an identity, and which authorities it gets
 * ({@code mtls.identity.*}, {@code mtls.authorization.*}). Bound by
 * {@link MtlsServerAutoConfiguration} (chain validation) and
 * {@link MtlsSecurityAutoConfiguration}. Unknown keys are refused by
 * {@link UnknownMtlsKeysCheck} rather than by strict binding, so that lists override as
 * in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls")
public class MtlsIdentityProperties {

	private final Identity identity = new Identity();

	private final Authorization authorization = new Authorization();

	public Identity getIdentity() {
		return this.identity;
	}

	public Authorization getAuthorization() {
		return this.authorization;
	}

	/**
	 * How a client certificate becomes an identity.
	 */
	public static class Identity {

		/**
		 * Whether a client certificate that has an extended key usage extension must list
		 * clientAuth (or anyExtendedKeyUsage) in it. Certificates without the extension
		 * are accepted.
		 */
		private boolean requireClientAuthEku = true;

		/**
		 * Which certificate attribute names the authenticated principal: cn, dn,
		 * spiffe-id, san-dns, san-email, san-uri or fingerprint. When not set and
		 * mtls.spiffe.workload-api.enabled is true, spiffe-id, as X509-SVIDs carry no CN.
		 */
		private PrincipalSource principal = PrincipalSource.CN;

		/**
		 * Maximum number of client certificates whose identity and authorities are
		 * cached.
		 */
		private int cacheSize = 10_000;

		/**
		 * How strictly client certificate chains are validated: 'standard' (RFC 5280's
		 * rules, as OpenSSL applies them by default, plus name-constraint placement and
		 * syntax) or 'strict' (also the RFC 5280 profile rules of 'openssl verify
		 * -x509_strict').
		 */
		private ChainValidation validation = ChainValidation.STANDARD;

		public ChainValidation getValidation() {
			return this.validation;
		}

		public void setValidation(ChainValidation validation) {
			this.validation = validation;
		}

		/**
		 * Whether to put the verified principal, SPIFFE ID and certificate fingerprint of
		 * the caller into the logging MDC (keys mtls.principal, mtls.spiffe-id and
		 * mtls.fingerprint) for the request's log lines.
		 */
		private boolean mdc;

		public PrincipalSource getPrincipal() {
			return this.principal;
		}

		public void setPrincipal(PrincipalSource principal) {
			this.principal = principal;
		}

		public int getCacheSize() {
			return this.cacheSize;
		}

		public void setCacheSize(int cacheSize) {
			this.cacheSize = cacheSize;
		}

		public boolean isMdc() {
			return this.mdc;
		}

		public void setMdc(boolean mdc) {
			this.mdc = mdc;
		}

		public boolean isRequireClientAuthEku() {
			return this.requireClientAuthEku;
		}

		public void setRequireClientAuthEku(boolean requireClientAuthEku) {
			this.requireClientAuthEku = requireClientAuthEku;
		}

	}

	/**
	 * How client identities become authorities, and which authorities paths need.
	 */
	public static class Authorization {

		/**
		 * Authorities granted to every authenticated client certificate.
		 */
		private List<String> defaultAuthorities = new ArrayList<>();

		/**
		 * Rules that grant authorities to the client certificates they match; every key
		 * given in a rule must match.
		 */
		private List<Rule> rules = new ArrayList<>();

		/**
		 * Path rules of the starter's default security filter chain, checked in order;
		 * any other path needs an authenticated client.
		 */
		private List<Access> access = new ArrayList<>();

		public List<String> getDefaultAuthorities() {
			return this.defaultAuthorities;
		}

		public void setDefaultAuthorities(List<String> defaultAuthorities) {
			this.defaultAuthorities = defaultAuthorities;
		}

		public List<Rule> getRules() {
			return this.rules;
		}

		public void setRules(List<Rule> rules) {
			this.rules = rules;
		}

		public List<Access> getAccess() {
			return this.access;
		}

		public void setAccess(List<Access> access) {
			this.access = access;
		}

	}

	/**
	 * A rule granting authorities to matching client certificates.
	 */
	public static class Rule extends CertificateCriteria {

		/**
		 * Authorities granted when the rule matches.
		 */
		private List<String> authorities = new ArrayList<>();

		public List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<String> authorities) {
			this.authorities = authorities;
		}

	}

	/**
	 * A path rule of the starter's default security filter chain.
	 */
	public static class Access {

		/**
		 * Path patterns the rule applies to, such as '/admin/**'.
		 */
		private List<String> pattern = new ArrayList<>();

		/**
		 * Authorities of which the client needs at least one; empty means any
		 * authenticated client.
		 */
		private List<String> authorities = new ArrayList<>();

		/**
		 * Whether the paths are open to everyone, even without a client certificate
		 * (useful with client-auth 'want').
		 */
		private boolean permitAll;

		public List<String> getPattern() {
			return this.pattern;
		}

		public void setPattern(List<String> pattern) {
			this.pattern = pattern;
		}

		public List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<String> authorities) {
			this.authorities = authorities;
		}

		public boolean isPermitAll() {
			return this.permitAll;
		}

		public void setPermitAll(boolean permitAll) {
			this.permitAll = permitAll;
		}

	}

}
