package io.mtls.boot.core.revocation;

import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

import io.mtls.boot.core.MaterialSource;
import org.jspecify.annotations.Nullable;

/**
 * One CRL as loaded from a file: the CRL, where it came from and, once known, which
 * issuer key it verifies with. Signature checks are done once per issuer key and
 * remembered, so a handshake costs a hash lookup.
 */
public final class LoadedCrl {

	private final X509CRL crl;

	private final MaterialSource source;

	private final int entries;

	private final Set<PublicKey> verifiedKeys = ConcurrentHashMap.newKeySet();

	private final Set<PublicKey> rejectedKeys = ConcurrentHashMap.newKeySet();

	LoadedCrl(X509CRL crl, MaterialSource source) {
		this.crl = crl;
		this.source = source;
		this.entries = (crl.getRevokedCertificates() != null) ? crl.getRevokedCertificates().size() : 0;
	}

	/**
	 * Returns the CRL.
	 * @return the CRL
	 */
	public X509CRL crl() {
		return this.crl;
	}

	/**
	 * Returns the issuer's name.
	 * @return the issuer
	 */
	public X500Principal issuer() {
		return this.crl.getIssuerX500Principal();
	}

	/**
	 * Returns when the CRL was issued.
	 * @return the thisUpdate time
	 */
	public Instant thisUpdate() {
		return this.crl.getThisUpdate().toInstant();
	}

	/**
	 * Returns when the next CRL is due, or {@code null} if the CRL does not say.
	 * @return the nextUpdate time or {@code null}
	 */
	public @Nullable Instant nextUpdate() {
		return (this.crl.getNextUpdate() != null) ? this.crl.getNextUpdate().toInstant() : null;
	}

	/**
	 * Returns how many certificates the CRL lists.
	 * @return the number of entries
	 */
	public int entries() {
		return this.entries;
	}

	/**
	 * Returns where the CRL was read from.
	 * @return the source
	 */
	public MaterialSource source() {
		return this.source;
	}

	/**
	 * Returns whether the CRL is past its nextUpdate.
	 * @param now the current time
	 * @return whether it is stale
	 */
	public boolean isStale(Instant now) {
		Instant next = nextUpdate();
		return next != null && now.isAfter(next);
	}

	/**
	 * Returns whether the CRL is due within the window.
	 * @param now the current time
	 * @param window how early to warn
	 * @return whether nextUpdate is within the window (or past)
	 */
	public boolean isDueWithin(Instant now, Duration window) {
		Instant next = nextUpdate();
		return next != null && !now.plus(window).isBefore(next);
	}

	/**
	 * Returns whether the CRL's signature verifies with the key; the answer is
	 * remembered.
	 * @param key the issuer's public key
	 * @return whether the key signed this CRL
	 */
	public boolean verifiesWith(PublicKey key) {
		if (this.verifiedKeys.contains(key)) {
			return true;
		}
		if (this.rejectedKeys.contains(key)) {
			return false;
		}
		try {
			this.crl.verify(key);
			this.verifiedKeys.add(key);
			return true;
		}
		catch (Exception ex) {
			if (this.rejectedKeys.size() < 16) {
				this.rejectedKeys.add(key);
			}
			return false;
		}
	}

	/**
	 * Returns whether the CRL's signature has verified with some key.
	 * @return whether it was verified
	 */
	public boolean isVerified() {
		return !this.verifiedKeys.isEmpty();
	}

	@Override
	public String toString() {
		return "CRL of '" + issuer().getName() + "' from " + this.source.describe();
	}

}
