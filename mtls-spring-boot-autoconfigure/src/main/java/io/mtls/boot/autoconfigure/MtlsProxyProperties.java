package io.mtls.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mtls.boot.core.proxy.ForwardedCertificateFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of client certificates forwarded by a TLS-terminating proxy
 * ({@code mtls.proxy.*}). Bound by {@link MtlsSecurityAutoConfiguration}. Unknown keys
 * are refused by {@link UnknownMtlsKeysCheck} rather than by strict binding, so that
 * lists override as in any Spring Boot application.
 */
@ConfigurationProperties(prefix = "mtls.proxy")
public class MtlsProxyProperties {

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
	 * Header holding the forwarded certificate; defaults to the format's usual header.
	 */
	private @Nullable String header;

	/**
	 * Addresses or CIDR blocks of the proxies allowed to forward a certificate; a
	 * forwarded certificate from any other peer is refused.
	 */
	private List<String> trustedAddresses = new ArrayList<>();

	/**
	 * Criteria (as in authorization rules, without authorities) one of which the proxy's
	 * own TLS client certificate must match; empty to check addresses only.
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

	public @Nullable String getHeader() {
		return this.header;
	}

	public void setHeader(@Nullable String header) {
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
