package io.mtls.boot.core.revocation;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

import io.mtls.boot.core.BoundedCache;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jspecify.annotations.Nullable;

/**
 * An {@link OcspClient} over the JDK's HTTP client, with BouncyCastle encoding the
 * request and decoding the response (the JDK has no public OCSP API). Each answer is
 * checked: signed by the issuer or by a responder certificate the issuer delegated
 * {@code OCSPSigning} to, for the certificate asked about, {@code thisUpdate} not in the
 * future, {@code nextUpdate} not past, and the nonce echoed when one was sent. Good and
 * revoked answers are cached for the configured time, capped by {@code nextUpdate}.
 * <p>
 * So that a flood of new certificates cannot hold the server's threads for the timeout
 * each: at most {@code maxConcurrent} lookups run at once (a handshake beyond that gets
 * {@code unknown} without waiting), and a responder that failed (timeout, connection
 * refused, HTTP or OCSP error) is not asked again for {@link #BACKOFF} ({@code unknown}
 * at once meanwhile).
 */
public final class BouncyCastleOcspClient implements OcspClient {

	/** How long a failed responder is left alone. */
	public static final Duration BACKOFF = Duration.ofSeconds(5);

	private static final Duration SKEW = Duration.ofMinutes(1);

	private static final String AUTHORITY_INFO_ACCESS = Extension.authorityInfoAccess.getId();

	private final @Nullable URI responder;

	private final Duration timeout;

	private final Duration cacheTime;

	private final int cacheSize;

	private final boolean nonce;

	private final Clock clock;

	private final Semaphore inFlight;

	private final HttpClient http;

	private final SecureRandom random = new SecureRandom();

	private final Map<X509Certificate, Cached> cache = new ConcurrentHashMap<>();

	private final Map<URI, Instant> failedUntil = new ConcurrentHashMap<>();

	private final LongAdder hits = new LongAdder();

	private final LongAdder lookups = new LongAdder();

	private final LongAdder failures = new LongAdder();

	private final LongAdder refused = new LongAdder();

	/**
	 * Creates a client.
	 * @param responder the responder for every certificate, or {@code null} to use each
	 * certificate's authority information access extension
	 * @param timeout how long to wait for a responder
	 * @param cacheTime how long to keep an answer (capped by its nextUpdate)
	 * @param cacheSize how many certificates' answers to keep
	 * @param maxConcurrent how many lookups may run at once
	 * @param nonce whether to send a nonce
	 * @param clock the clock answers are checked against
	 */
	public BouncyCastleOcspClient(@Nullable URI responder, Duration timeout, Duration cacheTime, int cacheSize,
			int maxConcurrent, boolean nonce, Clock clock) {
		this.responder = responder;
		this.timeout = timeout;
		this.cacheTime = cacheTime;
		this.cacheSize = cacheSize;
		this.nonce = nonce;
		this.clock = clock;
		this.inFlight = new Semaphore(maxConcurrent);
		this.http = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	@Override
	public OcspStatus status(X509Certificate certificate, @Nullable X509Certificate issuer, boolean lookup) {
		Instant now = this.clock.instant();
		Cached cached = this.cache.get(certificate);
		if (cached != null && now.isBefore(cached.until())) {
			this.hits.increment();
			return cached.status();
		}
		if (!lookup || issuer == null) {
			return OcspStatus.notCovered();
		}
		URI uri = (this.responder != null) ? this.responder : responderOf(certificate);
		if (uri == null) {
			return OcspStatus.notCovered();
		}
		Instant failed = this.failedUntil.get(uri);
		if (failed != null && now.isBefore(failed)) {
			this.refused.increment();
			return unknown("responder " + uri + " failed recently; asked again after " + failed);
		}
		if (!this.inFlight.tryAcquire()) {
			this.refused.increment();
			return unknown("too many OCSP lookups in flight");
		}
		try {
			this.lookups.increment();
			OcspStatus status = lookUp(uri, certificate, issuer, now);
			if (status.outcome().equals("unknown")) {
				this.failures.increment();
			}
			return status;
		}
		finally {
			this.inFlight.release();
		}
	}

	private OcspStatus lookUp(URI uri, X509Certificate certificate, X509Certificate issuer, Instant now) {
		try {
			CertificateID id = new CertificateID(
					new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
					new JcaX509CertificateHolder(issuer), certificate.getSerialNumber());
			OCSPReqBuilder request = new OCSPReqBuilder().addRequest(id);
			byte[] nonceValue = null;
			if (this.nonce) {
				nonceValue = new byte[16];
				this.random.nextBytes(nonceValue);
				request.setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
						false, new DEROctetString(nonceValue))));
			}
			HttpResponse<byte[]> response = this.http.send(HttpRequest.newBuilder(uri)
				.timeout(this.timeout)
				.header("Content-Type", "application/ocsp-request")
				.header("Accept", "application/ocsp-response")
				.POST(HttpRequest.BodyPublishers.ofByteArray(request.build().getEncoded()))
				.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				return failed(uri, now, "responder " + uri + " answered HTTP " + response.statusCode());
			}
			OCSPResp ocsp = new OCSPResp(response.body());
			if (ocsp.getStatus() != OCSPResp.SUCCESSFUL) {
				return failed(uri, now, "responder " + uri + " answered OCSP status " + ocsp.getStatus());
			}
			BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
			if (!signedByIssuerOrDelegate(basic, issuer, now)) {
				return unknown("the response of " + uri
						+ " is not signed by the issuer or a responder it delegated OCSPSigning to");
			}
			if (nonceValue != null) {
				Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
				if (echoed != null && !Arrays.equals(nonceValue,
						ASN1OctetString.getInstance(echoed.getParsedValue()).getOctets())) {
					return unknown("the response of " + uri + " does not echo the request's nonce");
				}
			}
			for (SingleResp single : basic.getResponses()) {
				if (single.getCertID().equals(id)) {
					return judge(single, uri, certificate, now);
				}
			}
			return unknown("the response of " + uri + " is about another certificate");
		}
		catch (HttpTimeoutException ex) {
			return failed(uri, now, "responder " + uri + " did not answer within " + this.timeout);
		}
		catch (IOException ex) {
			return failed(uri, now, "responder " + uri + " unreachable (" + ex + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return unknown("interrupted");
		}
		catch (Exception ex) {
			return failed(uri, now, "responder " + uri + " sent an unusable answer (" + ex + ")");
		}
	}

	private OcspStatus judge(SingleResp single, URI uri, X509Certificate certificate, Instant now) {
		Instant thisUpdate = single.getThisUpdate().toInstant();
		Instant nextUpdate = (single.getNextUpdate() != null) ? single.getNextUpdate().toInstant() : null;
		if (thisUpdate.isAfter(now.plus(SKEW))) {
			return unknown("the answer of " + uri + " is from the future (thisUpdate " + thisUpdate + ")");
		}
		if (nextUpdate != null && now.isAfter(nextUpdate.plus(SKEW))) {
			return unknown("the answer of " + uri + " is stale (nextUpdate " + nextUpdate + ")");
		}
		CertificateStatus status = single.getCertStatus();
		OcspStatus result;
		if (status == CertificateStatus.GOOD) {
			result = OcspStatus.good();
		}
		else if (status instanceof RevokedStatus revoked) {
			result = new OcspStatus("revoked", "revoked at " + revoked.getRevocationTime().toInstant() + " per " + uri);
		}
		else if (status instanceof UnknownStatus) {
			return unknown("responder " + uri + " does not know the certificate");
		}
		else {
			return unknown("responder " + uri + " answered an unexpected status");
		}
		Instant until = now.plus(this.cacheTime);
		if (nextUpdate != null && nextUpdate.isBefore(until)) {
			until = nextUpdate;
		}
		remember(certificate, new Cached(result, until));
		return result;
	}

	private boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer, Instant now)
			throws Exception {
		JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder();
		if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
			return true;
		}
		for (X509CertificateHolder holder : basic.getCerts()) {
			X509Certificate delegate = new JcaX509CertificateConverter().getCertificate(holder);
			try {
				delegate.verify(issuer.getPublicKey());
				delegate.checkValidity(java.util.Date.from(now));
			}
			catch (Exception ex) {
				continue;
			}
			List<String> usages = delegate.getExtendedKeyUsage();
			if (usages != null && usages.contains(KeyPurposeId.id_kp_OCSPSigning.getId())
					&& basic.isSignatureValid(verifiers.build(delegate.getPublicKey()))) {
				return true;
			}
		}
		return false;
	}

	private OcspStatus failed(URI uri, Instant now, String detail) {
		this.failedUntil.put(uri, now.plus(BACKOFF));
		return unknown(detail);
	}

	private static OcspStatus unknown(String detail) {
		return new OcspStatus("unknown", detail);
	}

	private void remember(X509Certificate certificate, Cached cached) {
		BoundedCache.put(this.cache, this.cacheSize, certificate, cached);
	}

	static @Nullable URI responderOf(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(AUTHORITY_INFO_ACCESS);
		if (extension == null) {
			return null;
		}
		try {
			AuthorityInformationAccess access = AuthorityInformationAccess
				.getInstance(JcaX509ExtensionUtils.parseExtensionValue(extension));
			for (AccessDescription description : access.getAccessDescriptions()) {
				if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
						&& description.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
					return URI.create(description.getAccessLocation().getName().toString());
				}
			}
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
		return null;
	}

	@Override
	public Map<String, Long> statistics() {
		Map<String, Long> statistics = new LinkedHashMap<>();
		statistics.put("cached", (long) this.cache.size());
		statistics.put("hits", this.hits.sum());
		statistics.put("lookups", this.lookups.sum());
		statistics.put("failures", this.failures.sum());
		statistics.put("refusedWithoutLookup", this.refused.sum());
		return statistics;
	}

	/**
	 * Forgets every cached answer.
	 */
	public void clear() {
		this.cache.clear();
		this.failedUntil.clear();
	}

	private record Cached(OcspStatus status, Instant until) {
	}

}
