package io.mtls.boot.core.tls;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client chains a trust manager admitted, remembered by a SHA-256 hash of the chain's
 * DER bytes so that a client connecting again costs a hash instead of signature checks.
 * Bounded (least recently used go first); an entry lasts until the earliest notAfter of
 * its path or nextUpdate of the CRLs that vouched for it, and every entry goes when the
 * revocation generation (CRLs, deny-list) changes. Trust changes need no hook: each trust
 * manager, and so each trust material, has its own cache. Only admissions are remembered,
 * never refusals, and never an admission made without revocation data. Thread-safe.
 */
public final class ChainVerdictCache {

	private final int capacity;

	private final Map<Key, Instant> admitted;

	private long generation;

	/**
	 * Creates a cache.
	 * @param capacity how many chains to remember; 0 remembers none
	 */
	public ChainVerdictCache(int capacity) {
		this.capacity = capacity;
		this.admitted = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Instant> eldest) {
				return size() > ChainVerdictCache.this.capacity;
			}

		};
	}

	/**
	 * Returns whether the cache remembers anything at all.
	 * @return whether the capacity is above zero
	 */
	public boolean isEnabled() {
		return this.capacity > 0;
	}

	/**
	 * Returns the key of a chain: the hash of its certificates' DER bytes.
	 * @param chain the chain as presented, leaf first
	 * @return the key
	 * @throws CertificateEncodingException if a certificate cannot be encoded
	 */
	public static Key keyOf(List<X509Certificate> chain) throws CertificateEncodingException {
		MessageDigest digest = sha256();
		for (X509Certificate certificate : chain) {
			byte[] der = certificate.getEncoded();
			digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(der.length).array());
			digest.update(der);
		}
		return new Key(ByteBuffer.wrap(digest.digest()));
	}

	/**
	 * Returns whether the chain was admitted under the same revocation generation and its
	 * admission still holds at the given time.
	 * @param key the chain's key
	 * @param generation the revocation generation now
	 * @param now the time now
	 * @return whether it is admitted
	 */
	public synchronized boolean isAdmitted(Key key, long generation, Instant now) {
		forgetOlderThan(generation);
		Instant until = this.admitted.get(key);
		if (until == null) {
			return false;
		}
		if (!now.isBefore(until)) {
			this.admitted.remove(key);
			return false;
		}
		return true;
	}

	/**
	 * Remembers an admission. Dropped when the revocation generation moved on since it
	 * was judged.
	 * @param key the chain's key
	 * @param generation the revocation generation read before the chain was judged
	 * @param until when the admission stops holding
	 */
	public synchronized void admit(Key key, long generation, Instant until) {
		forgetOlderThan(generation);
		if (generation == this.generation && this.capacity > 0) {
			this.admitted.put(key, until);
		}
	}

	/**
	 * Returns how many admissions are remembered.
	 * @return the number of entries
	 */
	public synchronized int size() {
		return this.admitted.size();
	}

	private void forgetOlderThan(long generation) {
		if (generation > this.generation) {
			this.admitted.clear();
			this.generation = generation;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	/**
	 * The hash of a chain.
	 *
	 * @param hash the SHA-256 of the chain's length-prefixed DER certificates
	 */
	public record Key(ByteBuffer hash) {
	}

}
