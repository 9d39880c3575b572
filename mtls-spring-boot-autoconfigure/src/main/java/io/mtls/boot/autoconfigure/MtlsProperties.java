package io.mtls.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.identity.PrincipalSource;
import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.core.revocation.RevocationMode;
import io.mtls.boot.core.tls.ChainValidation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration properties for mutual TLS. Unknown keys are refused by
 * {@link UnknownMtlsKeysCheck} rather than by strict binding, so that lists override as
 * in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls")
public class MtlsProperties {

	/**
	 * Whether mutual TLS auto-configuration is enabled.
	 */
	private boolean enabled = true;

	private final Server server = new Server();

	private final Reload reload = new Reload();

	private final Identity identity = new Identity();

	private final Authorization authorization = new Authorization();

	private final Revocation revocation = new Revocation();

	private final Actuator actuator = new Actuator();

	private final Dev dev = new Dev();

	@NestedConfigurationProperty
	private final MtlsClientProperties client = new MtlsClientProperties();

	private final Proxy proxy = new Proxy();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Server getServer() {
		return this.server;
	}

	public Reload getReload() {
		return this.reload;
	}

	public Identity getIdentity() {
		return this.identity;
	}

	public Authorization getAuthorization() {
		return this.authorization;
	}

	public Revocation getRevocation() {
		return this.revocation;
	}

	public Actuator getActuator() {
		return this.actuator;
	}

	public Dev getDev() {
		return this.dev;
	}

	public MtlsClientProperties getClient() {
		return this.client;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	/**
	 * Server-side TLS settings.
	 */
	public static class Server implements MaterialProperties {

		/**
		 * Whether the server demands ('need'), requests ('want') or ignores ('none')
		 * client certificates.
		 */
		private ClientAuth clientAuth = ClientAuth.NEED;

		/**
		 * Name of an existing 'spring.ssl.bundle' to serve instead of the key and trust
		 * properties below.
		 */
		private String bundle;

		/**
		 * Location of the PEM server certificate chain, leaf first.
		 */
		private String certificate;

		/**
		 * Location of the PEM private key of the server certificate.
		 */
		private String privateKey;

		/**
		 * Password of an encrypted PEM private key.
		 */
		private String privateKeyPassword;

		/**
		 * Location of a PKCS12 or JKS key store holding the server key and chain, as an
		 * alternative to 'certificate' and 'private-key'.
		 */
		private String keyStore;

		/**
		 * Password of the key store and of its key entry.
		 */
		private String keyStorePassword;

		/**
		 * Type of the key store: PKCS12 or JKS.
		 */
		private String keyStoreType = "PKCS12";

		/**
		 * PEM files, or directories of PEM files, holding the CA certificates that client
		 * certificates must chain to.
		 */
		private List<String> trust = new ArrayList<>();

		/**
		 * Location of a PKCS12 or JKS trust store, as an alternative to 'trust'.
		 */
		private String trustStore;

		/**
		 * Password of the trust store.
		 */
		private String trustStorePassword;

		/**
		 * Type of the trust store: PKCS12 or JKS.
		 */
		private String trustStoreType = "PKCS12";

		/**
		 * Directory of a mounted 'kubernetes.io/tls' secret holding tls.crt, tls.key and
		 * optionally ca.crt.
		 */
		private String secretDir;

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public String getBundle() {
			return this.bundle;
		}

		public void setBundle(String bundle) {
			this.bundle = bundle;
		}

		public String getCertificate() {
			return this.certificate;
		}

		public void setCertificate(String certificate) {
			this.certificate = certificate;
		}

		public String getPrivateKey() {
			return this.privateKey;
		}

		public void setPrivateKey(String privateKey) {
			this.privateKey = privateKey;
		}

		public String getPrivateKeyPassword() {
			return this.privateKeyPassword;
		}

		public void setPrivateKeyPassword(String privateKeyPassword) {
			this.privateKeyPassword = privateKeyPassword;
		}

		public String getKeyStore() {
			return this.keyStore;
		}

		public void setKeyStore(String keyStore) {
			this.keyStore = keyStore;
		}

		public String getKeyStorePassword() {
			return this.keyStorePassword;
		}

		public void setKeyStorePassword(String keyStorePassword) {
			this.keyStorePassword = keyStorePassword;
		}

		public String getKeyStoreType() {
			return this.keyStoreType;
		}

		public void setKeyStoreType(String keyStoreType) {
			this.keyStoreType = keyStoreType;
		}

		public List<String> getTrust() {
			return this.trust;
		}

		public void setTrust(List<String> trust) {
			this.trust = trust;
		}

		public String getTrustStore() {
			return this.trustStore;
		}

		public void setTrustStore(String trustStore) {
			this.trustStore = trustStore;
		}

		public String getTrustStorePassword() {
			return this.trustStorePassword;
		}

		public void setTrustStorePassword(String trustStorePassword) {
			this.trustStorePassword = trustStorePassword;
		}

		public String getTrustStoreType() {
			return this.trustStoreType;
		}

		public void setTrustStoreType(String trustStoreType) {
			this.trustStoreType = trustStoreType;
		}

		public String getSecretDir() {
			return this.secretDir;
		}

		public void setSecretDir(String secretDir) {
			this.secretDir = secretDir;
		}

	}

	/**
	 * How the server treats client certificates.
	 */
	public enum ClientAuth {

		/**
		 * Refuse the handshake unless the client presents a trusted certificate.
		 */
		NEED,

		/**
		 * Ask for a client certificate but let clients without one connect.
		 */
		WANT,

		/**
		 * Do not ask for client certificates.
		 */
		NONE

	}

	/**
	 * Reloading of server key and trust material when its files change.
	 */
	public static class Reload {

		/**
		 * Whether to watch the material files and reload them when they change. When off,
		 * material is reloaded only on demand (POST /actuator/mtls).
		 */
		private boolean enabled = true;

		/**
		 * How long file changes must settle before the material is reloaded.
		 */
		private Duration quietPeriod = Duration.ofMillis(500);

		/**
		 * How often to check the files for changes even without file-system events.
		 */
		private Duration pollInterval = Duration.ofSeconds(60);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getQuietPeriod() {
			return this.quietPeriod;
		}

		public void setQuietPeriod(Duration quietPeriod) {
			this.quietPeriod = quietPeriod;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

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
		 * spiffe-id, san-dns, san-email, san-uri or fingerprint.
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
	public static class Rule {

		/**
		 * RDNs the subject must contain, such as 'OU=ops,O=Example'; '*' in a value
		 * matches any characters.
		 */
		private String subject;

		/**
		 * RDNs the issuer must contain, such as 'CN=Ops CA,O=Example'.
		 */
		private String issuer;

		/**
		 * DNS name a DNS SAN must match; a leading '*.' matches exactly one label.
		 */
		private String sanDns;

		/**
		 * URI a URI SAN must match; '*' matches within one path segment, a whole segment
		 * '**' any number of segments. 'spiffe://' patterns match only the certificate's
		 * valid SPIFFE ID.
		 */
		private String sanUri;

		/**
		 * Email address an email SAN must match; '*' matches within the local part or
		 * domain.
		 */
		private String sanEmail;

		/**
		 * IP address or CIDR range an IP SAN must fall in.
		 */
		private String sanIp;

		/**
		 * SPIFFE ID the certificate must carry; '*' matches exactly one path segment,
		 * '**' any number of segments, as in 'spiffe://example.org/ns/ops/**'.
		 */
		private String spiffeId;

		/**
		 * SHA-256 fingerprint of the certificate (hex, colons optional).
		 */
		private String fingerprint;

		/**
		 * Authorities granted when the rule matches.
		 */
		private List<String> authorities = new ArrayList<>();

		public String getSubject() {
			return this.subject;
		}

		public void setSubject(String subject) {
			this.subject = subject;
		}

		public String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(String issuer) {
			this.issuer = issuer;
		}

		public String getSanDns() {
			return this.sanDns;
		}

		public void setSanDns(String sanDns) {
			this.sanDns = sanDns;
		}

		public String getSanUri() {
			return this.sanUri;
		}

		public void setSanUri(String sanUri) {
			this.sanUri = sanUri;
		}

		public String getSanEmail() {
			return this.sanEmail;
		}

		public void setSanEmail(String sanEmail) {
			this.sanEmail = sanEmail;
		}

		public String getSanIp() {
			return this.sanIp;
		}

		public void setSanIp(String sanIp) {
			this.sanIp = sanIp;
		}

		public String getSpiffeId() {
			return this.spiffeId;
		}

		public void setSpiffeId(String spiffeId) {
			this.spiffeId = spiffeId;
		}

		public String getFingerprint() {
			return this.fingerprint;
		}

		public void setFingerprint(String fingerprint) {
			this.fingerprint = fingerprint;
		}

		public List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<String> authorities) {
			this.authorities = authorities;
		}

		/**
		 * Returns the match criteria that are set, keyed by their property names.
		 * @return the criteria
		 */
		Map<String, String> criteria() {
			Map<String, String> criteria = new LinkedHashMap<>();
			putIfSet(criteria, "subject", this.subject);
			putIfSet(criteria, "issuer", this.issuer);
			putIfSet(criteria, "san-dns", this.sanDns);
			putIfSet(criteria, "san-uri", this.sanUri);
			putIfSet(criteria, "san-email", this.sanEmail);
			putIfSet(criteria, "san-ip", this.sanIp);
			putIfSet(criteria, "spiffe-id", this.spiffeId);
			putIfSet(criteria, "fingerprint", this.fingerprint);
			return criteria;
		}

		private static void putIfSet(Map<String, String> criteria, String key, String value) {
			if (value != null) {
				criteria.put(key, value);
			}
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

	/**
	 * Revocation settings: CRLs, OCSP and a deny-list.
	 */
	public static class Revocation {

		/**
		 * What an unknown revocation status means: hard refuses the handshake, soft
		 * admits it (logged and counted), off disables CRL and OCSP checks (the deny-list
		 * still applies).
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
		private String denyFile;

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

		public String getDenyFile() {
			return this.denyFile;
		}

		public void setDenyFile(String denyFile) {
			this.denyFile = denyFile;
		}

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
		private String responder;

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

		public String getResponder() {
			return this.responder;
		}

		public void setResponder(String responder) {
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

	/**
	 * Actuator endpoint, health and metrics settings.
	 */
	public static class Actuator {

		/**
		 * How long before expiry a server, trust or client certificate counts as
		 * expiring.
		 */
		private Duration expiryWarning = Duration.ofDays(30);

		/**
		 * Maximum number of recently seen client certificates kept for the endpoint and
		 * the client expiry metrics.
		 */
		private int clientInventorySize = 100;

		/**
		 * How long before a CRL's nextUpdate the health contributor warns that it is due.
		 */
		private Duration crlWarning = Duration.ofHours(1);

		public Duration getCrlWarning() {
			return this.crlWarning;
		}

		public void setCrlWarning(Duration crlWarning) {
			this.crlWarning = crlWarning;
		}

		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		public void setExpiryWarning(Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

		public int getClientInventorySize() {
			return this.clientInventorySize;
		}

		public void setClientInventorySize(int clientInventorySize) {
			this.clientInventorySize = clientInventorySize;
		}

	}

	/**
	 * Client certificates forwarded by a TLS-terminating proxy.
	 */
	public static class Proxy {

		/**
		 * Whether to take client certificates that a TLS-terminating proxy forwards in a
		 * request header, from trusted proxies only.
		 */
		private boolean enabled;

		/**
		 * How the proxy encodes the certificate: xfcc, rfc9440, nginx, aws-alb, traefik,
		 * haproxy, apache or caddy.
		 */
		private ForwardedCertificateFormat format = ForwardedCertificateFormat.NGINX;

		/**
		 * Header holding the forwarded certificate; defaults to the format's usual
		 * header.
		 */
		private String header;

		/**
		 * Addresses or CIDR blocks of the proxies allowed to forward a certificate; a
		 * forwarded certificate from any other peer is refused.
		 */
		private List<String> trustedAddresses = new ArrayList<>();

		/**
		 * Criteria (as in authorization rules, without authorities) one of which the
		 * proxy's own TLS client certificate must match; empty to check addresses only.
		 */
		private List<Map<String, String>> trustedHops = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public ForwardedCertificateFormat getFormat() {
			return this.format;
		}

		public void setFormat(ForwardedCertificateFormat format) {
			this.format = format;
		}

		public String getHeader() {
			return this.header;
		}

		public void setHeader(String header) {
			this.header = header;
		}

		public List<String> getTrustedAddresses() {
			return this.trustedAddresses;
		}

		public void setTrustedAddresses(List<String> trustedAddresses) {
			this.trustedAddresses = trustedAddresses;
		}

		public List<Map<String, String>> getTrustedHops() {
			return this.trustedHops;
		}

		public void setTrustedHops(List<Map<String, String>> trustedHops) {
			this.trustedHops = trustedHops;
		}

	}

	/**
	 * Development PKI settings.
	 */
	public static class Dev {

		/**
		 * Whether to generate and serve a local development PKI when no key material is
		 * configured. Never enable in production.
		 */
		private boolean enabled = false;

		/**
		 * Directory where the development PKI is written and reused across restarts.
		 */
		private String directory = ".mtls-dev";

		/**
		 * Path appended to the server URL in the curl commands logged for each
		 * development client.
		 */
		private String curlPath = "/";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getDirectory() {
			return this.directory;
		}

		public void setDirectory(String directory) {
			this.directory = directory;
		}

		public String getCurlPath() {
			return this.curlPath;
		}

		public void setCurlPath(String curlPath) {
			this.curlPath = curlPath;
		}

	}

}
