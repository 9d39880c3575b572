package io.mtls.boot.core.inventory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.mtls.boot.core.RejectionReason;
import org.jspecify.annotations.Nullable;

/**
 * The client certificates seen recently, bounded: when full, the least recently seen one
 * makes room. Records handshake verdicts and authenticated requests.
 */
public final class ClientCertificateInventory {

	private final int capacity;

	private final Clock clock;

	private final Map<X509Certificate, Entry> entries = new ConcurrentHashMap<>();

	private final List<Consumer<X509Certificate>> evictionListeners = new CopyOnWriteArrayList<>();

	/**
	 * Creates an inventory.
	 * @param capacity how many certificates to keep
	 * @param clock the clock of the seen timestamps
	 */
	public ClientCertificateInventory(int capacity, Clock clock) {
		this.capacity = capacity;
		this.clock = clock;
	}

	/**
	 * Records an authenticated request by a certificate.
	 * @param leaf the client certificate
	 * @param principal the principal name it authenticated as
	 */
	public void requested(X509Certificate leaf, String principal) {
		Entry entry = entry(leaf);
		entry.principal = principal;
		entry.requests.incrementAndGet();
	}

	/**
	 * Records that a certificate passed the TLS handshake.
	 * @param leaf the client certificate
	 */
	public void accepted(X509Certificate leaf) {
		entry(leaf).viaHandshake = true;
	}

	/**
	 * Records that a certificate forwarded by a trusted proxy passed the checks.
	 * @param leaf the client certificate
	 */
	public void forwarded(X509Certificate leaf) {
		entry(leaf).viaProxy = true;
	}

	/**
	 * Records that a certificate was refused, at the handshake or by authentication.
	 * @param leaf the client certificate
	 * @param reason why
	 */
	public void rejected(X509Certificate leaf, RejectionReason reason) {
		entry(leaf).lastRejectionReason = reason;
	}

	/**
	 * Returns whether a certificate is in the inventory.
	 * @param leaf the client certificate
	 * @return whether it is held
	 */
	public boolean contains(X509Certificate leaf) {
		return this.entries.containsKey(leaf);
	}

	/**
	 * Registers a callback for certificates that leave the inventory.
	 * @param listener called with each evicted certificate
	 */
	public void onEviction(Consumer<X509Certificate> listener) {
		this.evictionListeners.add(listener);
	}

	/**
	 * Returns the certificates in the inventory, most recently seen first.
	 * @return a snapshot of the entries
	 */
	public List<SeenCertificate> snapshot() {
		List<SeenCertificate> seen = new ArrayList<>();
		this.entries.forEach((certificate,
				entry) -> seen.add(new SeenCertificate(certificate, entry.principal, entry.firstSeen,
						Instant.ofEpochMilli(entry.lastSeen), entry.requests.get(), entry.lastRejectionReason,
						via(entry))));
		seen.sort(Comparator.comparing(SeenCertificate::lastSeen).reversed());
		return seen;
	}

	private static List<String> via(Entry entry) {
		List<String> via = new ArrayList<>(2);
		if (entry.viaHandshake) {
			via.add("handshake");
		}
		if (entry.viaProxy) {
			via.add("proxy");
		}
		return via;
	}

	private Entry entry(X509Certificate leaf) {
		long now = this.clock.millis();
		Entry entry = this.entries.get(leaf);
		if (entry == null) {
			entry = admit(leaf, now);
		}
		entry.lastSeen = now;
		return entry;
	}

	private synchronized Entry admit(X509Certificate leaf, long now) {
		Entry existing = this.entries.get(leaf);
		if (existing != null) {
			return existing;
		}
		while (this.entries.size() >= this.capacity) {
			evictLeastRecentlySeen();
		}
		Entry entry = new Entry(Instant.ofEpochMilli(now));
		this.entries.put(leaf, entry);
		return entry;
	}

	private void evictLeastRecentlySeen() {
		X509Certificate oldest = null;
		long oldestSeen = Long.MAX_VALUE;
		for (Map.Entry<X509Certificate, Entry> candidate : this.entries.entrySet()) {
			if (candidate.getValue().lastSeen < oldestSeen) {
				oldest = candidate.getKey();
				oldestSeen = candidate.getValue().lastSeen;
			}
		}
		if (oldest != null && this.entries.remove(oldest) != null) {
			X509Certificate evicted = oldest;
			this.evictionListeners.forEach((listener) -> listener.accept(evicted));
		}
	}

	private static final class Entry {

		private final Instant firstSeen;

		private final AtomicLong requests = new AtomicLong();

		private volatile long lastSeen;

		private volatile @Nullable String principal;

		private volatile @Nullable RejectionReason lastRejectionReason;

		private volatile boolean viaHandshake;

		private volatile boolean viaProxy;

		Entry(Instant firstSeen) {
			this.firstSeen = firstSeen;
			this.lastSeen = firstSeen.toEpochMilli();
		}

	}

	/**
	 * A certificate in the inventory.
	 *
	 * @param certificate the client certificate
	 * @param principal the principal name of its last authenticated request, or
	 * {@code null}
	 * @param firstSeen when it was first seen
	 * @param lastSeen when it was last seen
	 * @param requests how many authenticated requests it made
	 * @param lastRejectionReason why it was last refused, or {@code null}
	 * @param via how it reached the server: {@code handshake} (its own TLS handshake),
	 * {@code proxy} (forwarded by a trusted proxy), both, or neither when it was only
	 * refused
	 */
	public record SeenCertificate(X509Certificate certificate, @Nullable String principal, Instant firstSeen,
			Instant lastSeen, long requests, @Nullable RejectionReason lastRejectionReason, List<String> via) {
	}

}
