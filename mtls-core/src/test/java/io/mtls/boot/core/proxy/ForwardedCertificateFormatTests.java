package io.mtls.boot.core.proxy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import io.mtls.boot.pki.CertificateAuthority;
import io.mtls.boot.pki.IssuedCertificate;
import io.mtls.boot.pki.Pem;
import io.mtls.boot.pki.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each proxy's header encoding, built to its documented format from a test PKI chain.
 */
class ForwardedCertificateFormatTests {

	private static final CertificateAuthority ROOT = TestPki.rootCa("CN=Forwarding Root").issue();

	private static final CertificateAuthority INTERMEDIATE = ROOT.intermediateCa("CN=Forwarding Intermediate").issue();

	private static final IssuedCertificate ALICE = INTERMEDIATE.client("CN=alice,OU=ops")
		.uri("spiffe://example.org/ns/ops/sa/alice")
		.issue();

	private static final X509Certificate LEAF = ALICE.certificate();

	@Test
	void nginxEscapedCertIsTheUrlEncodedPemLeaf() {
		// nginx $ssl_client_escaped_cert: URL-encoded PEM, line breaks as %0A
		String value = URLEncoder.encode(Pem.encode(LEAF), StandardCharsets.UTF_8).replace("+", "%20");
		assertThat(ForwardedCertificateFormat.NGINX.decode(value)).containsExactly(LEAF);
	}

	@Test
	void awsAlbKeepsPlusSignsOfThePemBody() {
		// ALB escapes only what a header cannot carry: '+', '=' and '/' stay as they are
		String value = Pem.encode(LEAF).replace("\n", "%0A").replace(" ", "%20");
		assertThat(value).contains("+");
		assertThat(ForwardedCertificateFormat.AWS_ALB.decode(value)).containsExactly(LEAF);
	}

	@Test
	void awsAlbPassthroughCarriesTheChain() {
		String value = Pem.encode(LEAF, INTERMEDIATE.certificate()).replace("\n", "%0A").replace(" ", "%20");
		assertThat(ForwardedCertificateFormat.AWS_ALB.decode(value)).containsExactly(LEAF, INTERMEDIATE.certificate());
	}

	@Test
	void xfccTakesTheLastElementAndPrefersItsChain() {
		String other = "By=spiffe://example.org/ns/a;Hash=abc;Cert=\"" + urlPem(ROOT.certificate()) + "\"";
		String mine = "By=spiffe://example.org/ns/b;Hash=def;Cert=\"" + urlPem(LEAF) + "\";Chain=\""
				+ urlPem(LEAF, INTERMEDIATE.certificate()) + "\";Subject=\"CN=alice,OU=ops\";URI=spiffe://x";
		assertThat(ForwardedCertificateFormat.XFCC.decode(other + "," + mine)).containsExactly(LEAF,
				INTERMEDIATE.certificate());
	}

	@Test
	void xfccWithOnlyCertGivesTheLeaf() {
		assertThat(ForwardedCertificateFormat.XFCC.decode("Hash=1;Cert=\"" + urlPem(LEAF) + "\""))
			.containsExactly(LEAF);
	}

	@Test
	void rfc9440LeafAndChainAreStructuredFieldByteSequences() throws CertificateEncodingException {
		assertThat(ForwardedCertificateFormat.RFC9440.decode(":" + base64(LEAF) + ":")).containsExactly(LEAF);
		assertThat(ForwardedCertificateFormat
			.decodeRfc9440Chain(":" + base64(INTERMEDIATE.certificate()) + ":, :" + base64(ROOT.certificate()) + ":"))
			.containsExactly(INTERMEDIATE.certificate(), ROOT.certificate());
	}

	@Test
	void traefikIsCommaSeparatedBareBase64Der() throws CertificateEncodingException {
		String value = base64(LEAF) + "," + base64(INTERMEDIATE.certificate());
		assertThat(ForwardedCertificateFormat.TRAEFIK.decode(value)).containsExactly(LEAF, INTERMEDIATE.certificate());
	}

	@Test
	void haproxyAndCaddyAreBase64Der() throws CertificateEncodingException {
		assertThat(ForwardedCertificateFormat.HAPROXY.decode(base64(LEAF))).containsExactly(LEAF);
		assertThat(ForwardedCertificateFormat.CADDY.decode(base64(LEAF))).containsExactly(LEAF);
	}

	@Test
	void apachePemWithSpacesForLineBreaks() {
		String value = Pem.encode(LEAF).replace("\n", " ");
		assertThat(ForwardedCertificateFormat.APACHE.decode(value)).containsExactly(LEAF);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "%", "%zz", "-----BEGIN CERTIFICATE-----%0AAAAA%0A-----END CERTIFICATE-----",
			"not a certificate", "%E2%82%AC" })
	void malformedNginxValuesAreRefusedAsMalformed(String value) {
		assertThatExceptionOfType(MalformedForwardedCertificateException.class)
			.isThrownBy(() -> ForwardedCertificateFormat.NGINX.decode(value));
	}

	@Test
	void truncatedBase64IsRefusedAsMalformed() throws CertificateEncodingException {
		String value = base64(LEAF);
		assertThatExceptionOfType(MalformedForwardedCertificateException.class)
			.isThrownBy(() -> ForwardedCertificateFormat.HAPROXY.decode(value.substring(0, value.length() / 2)));
	}

	@Test
	void oversizeValuesAreRefusedBeforeParsing() {
		assertThatExceptionOfType(MalformedForwardedCertificateException.class).isThrownBy(
				() -> ForwardedCertificateFormat.NGINX.decode("A".repeat(ForwardedCertificateFormat.MAX_LENGTH + 1)))
			.withMessageContaining("longer than");
	}

	@Test
	void xfccWithAnUnterminatedQuoteIsMalformed() {
		assertThatExceptionOfType(MalformedForwardedCertificateException.class)
			.isThrownBy(() -> ForwardedCertificateFormat.XFCC.decode("Cert=\"abc"));
	}

	@ParameterizedTest
	@EnumSource(ForwardedCertificateFormat.class)
	void generatedMalformedValuesNeverEscapeAsAnythingButMalformed(ForwardedCertificateFormat format)
			throws CertificateEncodingException {
		Random random = new Random(format.ordinal());
		List<String> seeds = List.of(urlPem(LEAF), base64(LEAF), Pem.encode(LEAF).replace("\n", " "),
				"Cert=\"" + urlPem(LEAF) + "\"", ":" + base64(LEAF) + ":");
		for (int i = 0; i < 500; i++) {
			char[] value = seeds.get(random.nextInt(seeds.size())).toCharArray();
			for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
				value[random.nextInt(value.length)] = (char) (32 + random.nextInt(95));
			}
			String mutated = new String(value, 0, random.nextInt(value.length + 1));
			Throwable thrown = catchThrowable(() -> format.decode(mutated));
			assertThat(thrown).as(mutated)
				.satisfiesAnyOf((t) -> assertThat(t).isNull(),
						(t) -> assertThat(t).isInstanceOf(MalformedForwardedCertificateException.class));
		}
	}

	private static String urlPem(X509Certificate... certificates) {
		return URLEncoder.encode(Pem.encode(certificates), StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String base64(X509Certificate certificate) throws CertificateEncodingException {
		return Base64.getEncoder().encodeToString(certificate.getEncoded());
	}

}
