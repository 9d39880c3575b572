package io.mtls.boot.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import io.mtls.boot.core.proxy.ForwardedCertificateFormat;
import io.mtls.boot.pki.Pem;

/**
 * Header values as each kind of proxy writes them, built to its documented encoding (the
 * recorded values for proxies that no test runs), and malformed values generated from
 * them.
 */
final class ForwardedHeaders {

	private ForwardedHeaders() {
	}

	/**
	 * Returns the headers a proxy of the format sends for a verified client.
	 * @param format the format
	 * @param header the header holding the certificate
	 * @param chain the client's chain, leaf first
	 * @return header names and values
	 */
	static Map<String, String> of(ForwardedCertificateFormat format, String header, List<X509Certificate> chain) {
		X509Certificate leaf = chain.get(0);
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put(header, switch (format) {
			// Envoy: the element its hop added, after one added by a hop further out
			case XFCC -> "By=spiffe://example.org/ns/edge;Hash=0e;Cert=\"" + urlEscaped(Pem.encode(leaf)) + "\","
					+ "By=spiffe://example.org/ns/app/sa/api;Hash=" + "ab".repeat(32) + ";Cert=\""
					+ urlEscaped(Pem.encode(leaf)) + "\";Chain=\""
					+ urlEscaped(Pem.encode(chain.toArray(X509Certificate[]::new))) + "\";Subject=\""
					+ leaf.getSubjectX500Principal().getName() + "\";URI=;DNS=client.example.org";
			case RFC9440 -> ":" + base64(leaf) + ":";
			case NGINX -> urlEscaped(Pem.encode(leaf));
			// ALB escapes what a header cannot carry (line breaks, spaces) and keeps + =
			// /
			case AWS_ALB -> Pem.encode(chain.toArray(X509Certificate[]::new)).replace("\n", "%0A").replace(" ", "%20");
			case TRAEFIK -> chain.stream().map(ForwardedHeaders::base64).collect(Collectors.joining(","));
			case HAPROXY, CADDY -> base64(leaf);
			case APACHE -> Pem.encode(leaf).strip().replace('\n', ' ');
		});
		if (format == ForwardedCertificateFormat.RFC9440 && chain.size() > 1) {
			headers.put("Client-Cert-Chain",
					chain.subList(1, chain.size())
						.stream()
						.map((certificate) -> ":" + base64(certificate) + ":")
						.collect(Collectors.joining(", ")));
		}
		return headers;
	}

	/**
	 * Returns the value a proxy of the format writes for a single certificate, the seed
	 * of {@link #malformed}.
	 * @param format the format
	 * @param leaf the certificate
	 * @return the value
	 */
	static String single(ForwardedCertificateFormat format, X509Certificate leaf) {
		return (format == ForwardedCertificateFormat.XFCC) ? "Cert=\"" + urlEscaped(Pem.encode(leaf)) + "\""
				: of(format, "h", List.of(leaf)).get("h");
	}

	/**
	 * Generates malformed values from a good one: random text, truncations, bad
	 * %-escapes, wrong PEM armour, broken quoting and structure, oversize values. None
	 * decodes to a certificate.
	 * @param good a well-formed value of the format (a single certificate)
	 * @param count how many to generate
	 * @param random the source of randomness
	 * @param maxLength the longest value to generate
	 * @return the values
	 */
	static List<String> malformed(String good, int count, Random random, int maxLength) {
		List<String> values = new ArrayList<>(count);
		while (values.size() < count) {
			String value = switch (values.size() % 8) {
				case 0 -> randomText(random, 1 + random.nextInt(300));
				// cut before the PEM end line or the closing delimiter, mid-escape at
				// worst
				case 1 -> good.substring(0, 1 + random.nextInt(good.length() - 40));
				// escapes that can never decode, wherever they land
				case 2 -> insert(good, random, List.of("%G0", "%zz", "%%", "%x", "%-1").get(random.nextInt(5)));
				case 3 -> good
					.replace("CERTIFICATE",
							List.of("PRIVATE KEY", "CERTIFICATE REQUEST", "X509 CRL", "CERT").get(random.nextInt(4)))
					.replace("Cert=", "Key=")
					.replace(":", "") + (good.contains("CERTIFICATE") ? "" : "!");
				// a trailing % keeps a stray separator in a lenient PEM body from passing
				case 4 -> insert(good, random, List.of("\"", ",", ";", "::", ",,", "=").get(random.nextInt(6))) + "%";
				case 5 -> "-----BEGIN CERTIFICATE----- " + randomBase64(random, 4 + random.nextInt(400))
						+ " -----END CERTIFICATE-----";
				// oversize, one in eight times: the server may refuse those and close the
				// connection
				case 6 -> (random.nextInt(8) != 0) ? good.substring(0, good.length() / 2) + "%"
						: good.repeat(1 + maxLength / good.length())
							.substring(0, ForwardedCertificateFormat.MAX_LENGTH + 1
									+ random.nextInt(maxLength - ForwardedCertificateFormat.MAX_LENGTH));
				default -> ":" + randomBase64(random, 4 * (1 + random.nextInt(200))) + ":";
			};
			values.add(value);
		}
		return values;
	}

	static String urlEscaped(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String base64(X509Certificate certificate) {
		try {
			return Base64.getEncoder().encodeToString(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String insert(String value, Random random, String junk) {
		int at = random.nextInt(value.length() - 40);
		return value.substring(0, at) + junk + value.substring(at);
	}

	private static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append((char) (0x21 + random.nextInt(0x7e - 0x21 + 1)));
		}
		return text.toString();
	}

	private static String randomBase64(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

}
