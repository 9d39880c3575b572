package io.mtls.boot.pki;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The kinds of certificate the test PKI issues, with the defaults each kind starts from.
 */
enum CertificateProfile {

	ROOT_CA(Duration.ofDays(3650), true, List.of()),

	INTERMEDIATE_CA(Duration.ofDays(1825), true, List.of()),

	SERVER(Duration.ofDays(365), false, List.of(ExtendedKeyUsage.SERVER_AUTH)),

	CLIENT(Duration.ofDays(365), false, List.of(ExtendedKeyUsage.CLIENT_AUTH)),

	LEAF(Duration.ofDays(365), false, List.of()),

	// SPIRE's default X509-SVID lifetime; used by workloads as server and as client
	SVID(Duration.ofHours(1), false, List.of(ExtendedKeyUsage.SERVER_AUTH, ExtendedKeyUsage.CLIENT_AUTH));

	private final Duration validity;

	private final boolean certificateAuthority;

	private final List<ExtendedKeyUsage> extendedKeyUsages;

	CertificateProfile(Duration validity, boolean certificateAuthority, List<ExtendedKeyUsage> extendedKeyUsages) {
		this.validity = validity;
		this.certificateAuthority = certificateAuthority;
		this.extendedKeyUsages = extendedKeyUsages;
	}

	/** How long a certificate of this kind is valid unless told otherwise. */
	Duration validity() {
		return validity;
	}

	/** Whether certificates of this kind are CAs (BasicConstraints CA=true). */
	boolean certificateAuthority() {
		return certificateAuthority;
	}

	/** The default extended key usages; empty means the extension is left out. */
	List<ExtendedKeyUsage> extendedKeyUsages() {
		return extendedKeyUsages;
	}

	/**
	 * The default key usages: certificate and CRL signing for CAs, signing (and RSA key
	 * transport) otherwise.
	 */
	Set<KeyUsage> keyUsages(KeyType keyType) {
		if (certificateAuthority) {
			return EnumSet.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN);
		}
		return keyType.isRsa() ? EnumSet.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)
				: EnumSet.of(KeyUsage.DIGITAL_SIGNATURE);
	}

}
