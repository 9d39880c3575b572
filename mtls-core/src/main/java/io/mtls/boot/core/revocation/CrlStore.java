package io.mtls.boot.core.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import javax.security.auth.x500.X500Principal;

import io.mtls.boot.core.InvalidMaterialException;
import io.mtls.boot.core.MaterialSource;

/**
 * The CRLs the server checks client chains against, loaded and validated as one immutable
 * set: every file must parse as PEM or DER CRLs, no CRL may be issued in the future or be
 * a delta CRL, and a CRL whose issuer is a trusted CA must be signed by that CA's key. A
 * CRL whose issuer is no trusted CA is kept for chains through an intermediate CA of that
 * name, and verified against that intermediate's key the first time such a chain arrives.
 * Indirect CRLs and delegated CRL issuers are not supported.
 */
public final class CrlStore {

	private static final CrlStore EMPTY = new CrlStore(List.of(), List.of());

	/** How far in the future a thisUpdate may be, for clock skew. */
	static final Duration SKEW = Duration.ofMinutes(1);

	private static final String DELTA_CRL_INDICATOR = "2.5.29.27";

	private final List<LoadedCrl> crls;

	private final Map<X500Principal, List<LoadedCrl>> byIssuer;

	private final List<String> warnings;

	private CrlStore(List<LoadedCrl> crls, List<String> warnings) {
		this.crls = List.copyOf(crls);
		Map<X500Principal, List<LoadedCrl>> index = new LinkedHashMap<>();
		for (LoadedCrl crl : crls) {
			index.computeIfAbsent(crl.issuer(), (issuer) -> new ArrayList<>()).add(crl);
		}
		// newest first
		index.values().forEach((list) -> list.sort(Comparator.comparing(LoadedCrl::thisUpdate).reversed()));
		this.byIssuer = Map.copyOf(index);
		this.warnings = List.copyOf(warnings);
	}

	/**
	 * Returns a store without CRLs.
	 * @return the empty store
	 */
	public static CrlStore empty() {
		return EMPTY;
	}

	/**
	 * Loads and validates CRLs.
	 * @param sources files or directories of PEM or DER CRLs ({@code .crl}, {@code .pem},
	 * {@code .der} and openssl hash names {@code <hash>.r<n>} in directories)
	 * @param trusted the trusted CA certificates
	 * @param now the current time
	 * @return the store
	 * @throws InvalidMaterialException if a CRL is unreadable, malformed, from the
	 * future, a delta CRL, or not signed by the trusted CA that it names as issuer
	 */
	public static CrlStore load(List<MaterialSource> sources, List<X509Certificate> trusted, Instant now) {
		List<LoadedCrl> loaded = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		for (MaterialSource source : sources) {
			for (MaterialSource file : expand(source)) {
				for (X509CRL crl : parse(file)) {
					loaded.add(validate(crl, file, trusted, now, warnings));
				}
			}
		}
		return new CrlStore(loaded, warnings);
	}

	private static LoadedCrl validate(X509CRL crl, MaterialSource source, List<X509Certificate> trusted, Instant now,
			List<String> warnings) {
		String name = "the CRL of '" + crl.getIssuerX500Principal().getName() + "'";
		if (crl.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
			throw new InvalidMaterialException(source,
					name + " is issued in the future (thisUpdate " + crl.getThisUpdate().toInstant() + ")",
					"Check the clocks of this host and of the CA, or reissue the CRL.");
		}
		if (crl.getCriticalExtensionOIDs() != null && crl.getCriticalExtensionOIDs().contains(DELTA_CRL_INDICATOR)) {
			throw new InvalidMaterialException(source, name + " is a delta CRL, which is not supported yet",
					"Configure the CA's complete (base) CRL instead.");
		}
		LoadedCrl loaded = new LoadedCrl(crl, source);
		List<X509Certificate> issuers = trusted.stream()
			.filter((ca) -> ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal()))
			.toList();
		if (issuers.isEmpty()) {
			warnings.add(source.describe() + ": " + name + " names no trusted CA as issuer; it is used for chains "
					+ "through an intermediate CA of that name, once its signature verifies with that CA's key");
		}
		else if (issuers.stream().noneMatch((ca) -> loaded.verifiesWith(ca.getPublicKey()))) {
			throw new InvalidMaterialException(source, name + " is not signed by any trusted CA of that name",
					"Configure the CRL published by the CA in 'mtls.server.trust', or fix the trust material.");
		}
		return loaded;
	}

	private static List<X509CRL> parse(MaterialSource source) {
		byte[] content = source.read();
		Collection<? extends CRL> crls;
		try {
			crls = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(content));
		}
		catch (CRLException | CertificateException | RuntimeException ex) {
			throw new InvalidMaterialException(source, "is not a PEM or DER CRL (" + ex.getMessage() + ")",
					"Point 'mtls.revocation.crl' at CRL files such as those 'openssl ca -gencrl' writes.", ex);
		}
		if (crls.isEmpty()) {
			throw new InvalidMaterialException(source, "contains no CRL",
					"Point 'mtls.revocation.crl' at CRL files such as those 'openssl ca -gencrl' writes.");
		}
		return crls.stream().map(X509CRL.class::cast).toList();
	}

	private static List<MaterialSource> expand(MaterialSource source) {
		Path path = source.path();
		if (path == null || !Files.isDirectory(path)) {
			return List.of(source);
		}
		try (Stream<Path> files = Files.list(path)) {
			List<MaterialSource> found = files.filter((file) -> isCrlFile(file.getFileName().toString()))
				.filter(Files::isRegularFile)
				.sorted()
				.map((file) -> source.resolve(file.getFileName().toString()))
				.toList();
			if (found.isEmpty()) {
				throw new InvalidMaterialException(source, "directory holds no CRL file (.crl, .pem, .der, <hash>.r0)",
						"Put the CA's CRL in the directory or name the CRL file in 'mtls.revocation.crl'.");
			}
			return found;
		}
		catch (IOException ex) {
			throw new InvalidMaterialException(source, "directory cannot be listed (" + ex.getMessage() + ")",
					"Grant the application's user access to the directory.", ex);
		}
	}

	private static boolean isCrlFile(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return !lower.startsWith(".") && (lower.endsWith(".crl") || lower.endsWith(".pem") || lower.endsWith(".der")
				|| lower.matches("[0-9a-f]{8}\\.r[0-9]+"));
	}

	/**
	 * Returns the CRLs of an issuer, newest first.
	 * @param issuer the issuer's name
	 * @return its CRLs, possibly none
	 */
	public List<LoadedCrl> forIssuer(X500Principal issuer) {
		return this.byIssuer.getOrDefault(issuer, List.of());
	}

	/**
	 * Returns every CRL.
	 * @return the CRLs
	 */
	public List<LoadedCrl> crls() {
		return this.crls;
	}

	/**
	 * Returns what loading found suspicious but not fatal.
	 * @return the warnings
	 */
	public List<String> warnings() {
		return this.warnings;
	}

	/**
	 * Returns whether there are no CRLs.
	 * @return whether the store is empty
	 */
	public boolean isEmpty() {
		return this.crls.isEmpty();
	}

	/**
	 * Returns whether both stores hold the same CRLs.
	 * @param other the other store
	 * @return whether they hold the same CRLs
	 */
	public boolean sameCrls(CrlStore other) {
		return this.crls.stream().map(LoadedCrl::crl).toList().equals(other.crls.stream().map(LoadedCrl::crl).toList());
	}

}
