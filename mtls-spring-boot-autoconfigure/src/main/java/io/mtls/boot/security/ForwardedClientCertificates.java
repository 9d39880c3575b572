package io.mtls.boot.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import io.mtls.boot.core.RejectionReason;
import io.mtls.boot.core.identity.ClientIdentityException;
import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.core.proxy.MalformedForwardedCertificateException;
import io.mtls.boot.core.proxy.TrustedProxies;
import io.mtls.boot.core.tls.ClientCertificateListener;
import io.mtls.boot.core.tls.ServerTls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Takes the client certificate that a TLS-terminating proxy forwarded in a header, but
 * only from a trusted proxy, and only once it passes the same validation as a direct
 * handshake against the server's current trust material. A forwarded certificate from
 * anyone else is refused ({@code untrusted-proxy}), never ignored and never used.
 */
public class ForwardedClientCertificates {

	/** RFC 9440's header for the rest of the chain. */
	static final String RFC9440_CHAIN_HEADER = "Client-Cert-Chain";

	/** The request attribute that says a request's certificate came through a proxy. */
	public static final String VIA_PROXY_ATTRIBUTE = "mtls.via-proxy";

	private static final Log logger = LogFactory.getLog(ForwardedClientCertificates.class);

	private final ForwardedCertificateFormat format;

	private final String header;

	private final TrustedProxies proxies;

	private final ServerTls serverTls;

	private final ClientCertificateListener listener;

	/**
	 * Creates the resolver.
	 * @param format how the proxy encodes the certificate
	 * @param header the header it uses
	 * @param proxies the peers allowed to forward certificates
	 * @param serverTls the server's current trust material and policy
	 * @param listener told about every forwarded chain that passes
	 */
	public ForwardedClientCertificates(ForwardedCertificateFormat format, String header, TrustedProxies proxies,
			ServerTls serverTls, ClientCertificateListener listener) {
		this.format = format;
		this.header = header;
		this.proxies = proxies;
		this.serverTls = serverTls;
		this.listener = listener;
	}

	/**
	 * Returns the verified forwarded chain of a request, on any web stack.
	 * @param headers the request's header values by name
	 * @param remoteAddress the address of the peer that sent the request
	 * @param directChain the chain of the peer's own handshake, or {@code null}
	 * @param attributes where to record, accepted or not, the forwarded chain (under
	 * {@link MtlsAuthenticationFilter#CERTIFICATES_ATTRIBUTE}) and that it came through a
	 * proxy ({@link #VIA_PROXY_ATTRIBUTE})
	 * @return the forwarded chain, leaf first, or {@code null} when the request carries
	 * none
	 * @throws ClientIdentityException with reason {@code untrusted-proxy},
	 * {@code malformed-forwarded-certificate} or the handshake reason that refuses the
	 * chain
	 */
	public X509Certificate @Nullable [] resolve(Function<String, @Nullable String> headers, String remoteAddress,
			X509Certificate @Nullable [] directChain, BiConsumer<String, Object> attributes) {
		String value = headers.apply(this.header);
		if (value == null) {
			return null;
		}
		if (!this.proxies.trusts(remoteAddress, directChain)) {
			throw refused(RejectionReason.UNTRUSTED_PROXY,
					"a client certificate was forwarded in '" + this.header + "' by " + remoteAddress
							+ ", which is not a trusted proxy (mtls.proxy.trusted-addresses"
							+ ", mtls.proxy.trusted-hops)");
		}
		List<X509Certificate> chain;
		try {
			chain = new ArrayList<>(this.format.decode(value));
			String rest = (this.format == ForwardedCertificateFormat.RFC9440) ? headers.apply(RFC9440_CHAIN_HEADER)
					: null;
			if (rest != null) {
				chain.addAll(ForwardedCertificateFormat.decodeRfc9440Chain(rest));
			}
		}
		catch (MalformedForwardedCertificateException ex) {
			throw refused(RejectionReason.MALFORMED_FORWARDED_CERTIFICATE, String.valueOf(ex.getMessage()));
		}
		X509Certificate[] forwarded = chain.toArray(X509Certificate[]::new);
		// from here on the request's certificate is the forwarded one, accepted or not
		attributes.accept(MtlsAuthenticationFilter.CERTIFICATES_ATTRIBUTE, forwarded);
		attributes.accept(VIA_PROXY_ATTRIBUTE, Boolean.TRUE);
		this.serverTls.judge(chain).ifPresent((rejection) -> {
			throw refused(rejection.reason(), "forwarded " + rejection.detail());
		});
		this.listener.forwarded(chain);
		return forwarded;
	}

	private static ClientIdentityException refused(RejectionReason reason, String detail) {
		logger.warn("Forwarded client certificate refused (reason: " + reason.code() + "): " + detail);
		return new ClientIdentityException(reason, detail);
	}

}
