package io.mtls.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.InvalidMtlsConfigurationException;
import io.mtls.boot.core.identity.CertificateRule;
import io.mtls.boot.core.identity.InvalidRuleException;
import org.jspecify.annotations.Nullable;

/**
 * What a certificate must show, in the keys and patterns of
 * {@code mtls.authorization.rules}; every criterion given must match. Shared by the
 * authorization rules and by what a called server must show.
 */
public class CertificateCriteria {

	/**
	 * RDNs the subject must contain, such as 'OU=ops,O=Example'; '*' in a value matches
	 * any characters.
	 */
	private @Nullable String subject;

	/**
	 * RDNs the issuer must contain, such as 'CN=Ops CA,O=Example'.
	 */
	private @Nullable String issuer;

	/**
	 * DNS name a DNS SAN must match; a leading '*.' matches exactly one label.
	 */
	private @Nullable String sanDns;

	/**
	 * URI a URI SAN must match; '*' matches within one path segment, a whole segment '**'
	 * any number of segments. 'spiffe://' patterns match only the certificate's valid
	 * SPIFFE ID.
	 */
	private @Nullable String sanUri;

	/**
	 * Email address an email SAN must match; '*' matches within the local part or domain.
	 */
	private @Nullable String sanEmail;

	/**
	 * IP address or CIDR range an IP SAN must fall in.
	 */
	private @Nullable String sanIp;

	/**
	 * SPIFFE ID the certificate must carry; '*' matches exactly one path segment, '**'
	 * any number of segments, as in 'spiffe://example.org/ns/ops/**'.
	 */
	private @Nullable String spiffeId;

	/**
	 * SHA-256 fingerprint of the certificate (hex, colons optional).
	 */
	private @Nullable String fingerprint;

	public @Nullable String getSubject() {
		return this.subject;
	}

	public void setSubject(@Nullable String subject) {
		this.subject = subject;
	}

	public @Nullable String getIssuer() {
		return this.issuer;
	}

	public void setIssuer(@Nullable String issuer) {
		this.issuer = issuer;
	}

	public @Nullable String getSanDns() {
		return this.sanDns;
	}

	public void setSanDns(@Nullable String sanDns) {
		this.sanDns = sanDns;
	}

	public @Nullable String getSanUri() {
		return this.sanUri;
	}

	public void setSanUri(@Nullable String sanUri) {
		this.sanUri = sanUri;
	}

	public @Nullable String getSanEmail() {
		return this.sanEmail;
	}

	public void setSanEmail(@Nullable String sanEmail) {
		this.sanEmail = sanEmail;
	}

	public @Nullable String getSanIp() {
		return this.sanIp;
	}

	public void setSanIp(@Nullable String sanIp) {
		this.sanIp = sanIp;
	}

	public @Nullable String getSpiffeId() {
		return this.spiffeId;
	}

	public void setSpiffeId(@Nullable String spiffeId) {
		this.spiffeId = spiffeId;
	}

	public @Nullable String getFingerprint() {
		return this.fingerprint;
	}

	public void setFingerprint(@Nullable String fingerprint) {
		this.fingerprint = fingerprint;
	}

	/**
	 * Returns the criteria that are set, keyed by their property names.
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

	/**
	 * Compiles criteria from configuration, turning a bad rule into a startup failure
	 * that names the property.
	 * @param property the criteria's property prefix
	 * @param criteria the criteria by key
	 * @param authorities the authorities granted, or {@code null} for criteria that grant
	 * nothing
	 * @return the compiled rule
	 * @throws InvalidMtlsConfigurationException naming the property at fault
	 */
	static CertificateRule compile(String property, Map<String, String> criteria, @Nullable List<String> authorities) {
		try {
			return (authorities != null) ? CertificateRule.compile(property, criteria, authorities)
					: CertificateRule.compileCriteria(property, criteria);
		}
		catch (InvalidRuleException ex) {
			throw new InvalidMtlsConfigurationException("'" + ex.property() + "': " + ex.getMessage(),
					"Fix the criteria; they take the keys and patterns of mtls.authorization.rules (see the README).");
		}
	}

	private static void putIfSet(Map<String, String> criteria, String key, @Nullable String value) {
		if (value != null) {
			criteria.put(key, value);
		}
	}

}
