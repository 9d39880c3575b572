package io.mtls.boot.core.proxy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How a TLS-terminating proxy writes the client certificate it verified into a request
 * header, and the header it uses by default. Every decoder returns the chain, leaf first,
 * or throws {@link MalformedForwardedCertificateException}.
 */
public enum ForwardedCertificateFormat {

	/**
	 * Envoy and Istio: {@code x-forwarded-client-cert}, elements separated by {@code ,}
	 * (one per hop, the last added by the nearest proxy), each of {@code ;}-separated
	 * {@code key=value} pairs with optionally quoted values; {@code Cert} is the
	 * URL-encoded PEM leaf and {@code Chain} the URL-encoded PEM chain. The last element
	 * is used: the one the trusted hop in front of this service added.
	 */
	XFCC("x-forwarded-client-cert", ForwardedCertificateFormat::xfcc),

	/**
	 * RFC 9440: {@code Client-Cert} holds the leaf's DER as a structured-field byte
	 * sequence ({@code :base64:}); {@code Client-Cert-Chain} the rest of the chain as a
	 * list of byte sequences. Google Cloud's load balancer and CloudFront (passthrough)
	 * emit it.
	 */
	RFC9440("Client-Cert", ForwardedCertificateFormat::rfc9440Leaf),

	/**
	 * nginx {@code $ssl_client_escaped_cert} (ingress-nginx's {@code ssl-client-cert}
	 * header): the URL-encoded PEM leaf.
	 */
	NGINX("ssl-client-cert", ForwardedCertificateFormat::urlEncodedPem),

	/**
	 * AWS Application Load Balancer: {@code X-Amzn-Mtls-Clientcert} (passthrough: the
	 * chain) or {@code X-Amzn-Mtls-Clientcert-Leaf} (verify mode): URL-encoded PEM whose
	 * {@code +}, {@code =} and {@code /} are left as they are, so {@code +} is not a
	 * space.
	 */
	AWS_ALB("X-Amzn-Mtls-Clientcert", ForwardedCertificateFormat::urlEncodedPem),

	/**
	 * Traefik {@code X-Forwarded-Tls-Client-Cert}: the chain as base64 DER bodies without
	 * PEM lines, separated by commas, not URL-escaped (Traefik v3).
	 */
	TRAEFIK("X-Forwarded-Tls-Client-Cert", ForwardedCertificateFormat::commaSeparatedBase64Der),

	/**
	 * HAProxy {@code %[ssl_c_der,base64]}: the leaf's DER in base64.
	 */
	HAPROXY("X-SSL-Client-Cert", ForwardedCertificateFormat::commaSeparatedBase64Der),

	/**
	 * Apache mod_ssl {@code %{SSL_CLIENT_CERT}s}: the PEM leaf, whose line breaks a
	 * header cannot carry and became spaces.
	 */
	APACHE("SSL_CLIENT_CERT", ForwardedCertificateFormat::pemWithSpaces),

	/**
	 * Caddy {@code {http.request.tls.client.certificate_der_base64}}: the leaf's DER in
	 * base64.
	 */
	CADDY("X-Client-Cert", ForwardedCertificateFormat::commaSeparatedBase64Der);

	/**
	 * Longest header value accepted, so a client cannot make the server parse megabytes.
	 */
	public static final int MAX_LENGTH = 32 * 1024;

	/** Most certificates accepted in one forwarded chain. */
	public static final int MAX_CERTIFICATES = 10;

	private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

	private static final String PEM_END = "-----END CERTIFICATE-----";

	private final String defaultHeader;

	private final Function<String, List<X509Certificate>> decoder;

	ForwardedCertificateFormat(String defaultHeader, Function<String, List<X509Certificate>> decoder) {
		this.defaultHeader = defaultHeader;
		this.decoder = decoder;
	}

	/**
	 * Returns the header this format's proxies use unless configured otherwise.
	 * @return the header name
	 */
	public String defaultHeader() {
		return this.defaultHeader;
	}

	/**
	 * Decodes a header value.
	 * @param value the header value
	 * @return the chain, leaf first, never empty
	 * @throws MalformedForwardedCertificateException if the value is too long, badly
	 * encoded, or holds no certificate or too many
	 */
	public List<X509Certificate> decode(String value) {
		if (value.length() > MAX_LENGTH) {
			throw new MalformedForwardedCertificateException(
					"the forwarded certificate header is longer than " + MAX_LENGTH + " characters");
		}
		List<X509Certificate> chain;
		try {
			chain = this.decoder.apply(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedForwardedCertificateException("the forwarded certificate is not valid "
					+ name().toLowerCase(Locale.ROOT) + " encoding: " + ex.getMessage());
		}
		if (chain.isEmpty()) {
			throw new MalformedForwardedCertificateException("the forwarded certificate header holds no certificate");
		}
		if (chain.size() > MAX_CERTIFICATES) {
			throw new MalformedForwardedCertificateException(
					"the forwarded chain holds more than " + MAX_CERTIFICATES + " certificates");
		}
		return List.copyOf(chain);
	}

	/**
	 * Decodes RFC 9440's {@code Client-Cert-Chain} value: a structured-field list of byte
	 * sequences.
	 * @param value the header value
	 * @return the certificates in order
	 * @throws MalformedForwardedCertificateException if badly encoded
	 */
	public static List<X509Certificate> decodeRfc9440Chain(String value) {
		try {
			List<X509Certificate> chain = new ArrayList<>();
			for (String item : value.split(",")) {
				chain.add(der(byteSequence(item.trim())));
			}
			return chain;
		}
		catch (IllegalArgumentException ex) {
			throw new MalformedForwardedCertificateException(
					"the forwarded Client-Cert-Chain is not a list of byte sequences: " + ex.getMessage());
		}
	}

	private static List<X509Certificate> xfcc(String value) {
		String element = lastElement(value);
		String cert = null;
		String chain = null;
		for (String pair : splitOutsideQuotes(element, ';')) {
			int equals = pair.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException("'" + abbreviate(pair) + "' is not a key=value pair");
			}
			String key = pair.substring(0, equals).trim();
			String pairValue = unquote(pair.substring(equals + 1).trim());
			if (key.equalsIgnoreCase("Cert")) {
				cert = pairValue;
			}
			else if (key.equalsIgnoreCase("Chain")) {
				chain = pairValue;
			}
		}
		if (chain != null) {
			return pem(percentDecode(chain));
		}
		if (cert != null) {
			return pem(percentDecode(cert));
		}
		throw new IllegalArgumentException("the element has neither Cert nor Chain");
	}

	private static List<X509Certificate> rfc9440Leaf(String value) {
		return List.of(der(byteSequence(value)));
	}

	private static List<X509Certificate> urlEncodedPem(String value) {
		return pem(percentDecode(value));
	}

	private static List<X509Certificate> pemWithSpaces(String value) {
		int begin = value.indexOf(PEM_BEGIN);
		int end = value.indexOf(PEM_END);
		if (begin < 0 || end < begin) {
			throw new IllegalArgumentException("no PEM certificate block");
		}
		String body = value.substring(begin + PEM_BEGIN.length(), end).replace(" ", "");
		return List.of(der(base64(body)));
	}

	private static List<X509Certificate> commaSeparatedBase64Der(String value) {
		List<X509Certificate> chain = new ArrayList<>();
		for (String item : value.split(",")) {
			chain.add(der(base64(item.trim())));
		}
		return chain;
	}

	private static List<X509Certificate> pem(String text) {
		if (!text.contains(PEM_BEGIN)) {
			throw new IllegalArgumentException("no PEM certificate block");
		}
		try {
			List<X509Certificate> chain = new ArrayList<>();
			for (var certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)))) {
				chain.add((X509Certificate) certificate);
			}
			return chain;
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("not a PEM certificate (" + ex.getMessage() + ")");
		}
	}

	private static X509Certificate der(byte[] der) {
		try {
			return (X509Certificate) CertificateFactory.getInstance("X.509")
				.generateCertificate(new ByteArrayInputStream(der));
		}
		catch (CertificateException ex) {
			throw new IllegalArgumentException("not a DER certificate (" + ex.getMessage() + ")");
		}
	}

	private static byte[] byteSequence(String item) {
		if (item.length() < 2 || item.charAt(0) != ':' || item.charAt(item.length() - 1) != ':') {
			throw new IllegalArgumentException("a byte sequence must be written :base64:");
		}
		return base64(item.substring(1, item.length() - 1));
	}

	private static byte[] base64(String text) {
		if (text.isEmpty()) {
			throw new IllegalArgumentException("empty base64");
		}
		return Base64.getDecoder().decode(text);
	}

	/**
	 * Decodes {@code %XX} escapes only; unlike form decoding, {@code +} stays a plus, as
	 * AWS ALB and a PEM body need.
	 */
	private static String percentDecode(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length()) {
					throw new IllegalArgumentException("truncated %-escape");
				}
				out.write((hex(text.charAt(i + 1)) << 4) | hex(text.charAt(i + 2)));
				i += 2;
			}
			else if (c > 0x7e) {
				throw new IllegalArgumentException("a non-ASCII character");
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.US_ASCII);
	}

	private static int hex(char c) {
		int digit = Character.digit(c, 16);
		if (digit < 0) {
			throw new IllegalArgumentException("'" + c + "' in a %-escape");
		}
		return digit;
	}

	private static String lastElement(String value) {
		List<String> elements = splitOutsideQuotes(value, ',');
		return elements.get(elements.size() - 1);
	}

	private static List<String> splitOutsideQuotes(String value, char separator) {
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == separator && !quoted) {
				parts.add(current.toString());
				current.setLength(0);
			}
			else {
				current.append(c);
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("an unterminated quoted value");
		}
		parts.add(current.toString());
		return parts;
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

	private static String abbreviate(String text) {
		return (text.length() > 40) ? text.substring(0, 40) + "..." : text;
	}

}
