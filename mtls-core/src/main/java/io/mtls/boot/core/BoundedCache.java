package io.mtls.boot.core;

import java.util.Iterator;
import java.util.Map;

/**
 * The one eviction rule of the starter's small verdict caches: when full, drop an
 * arbitrary tenth before adding, which is cheap and keeps a cache bounded under a flood
 * of new certificates.
 */
public final class BoundedCache {

	private BoundedCache() {
	}

	/**
	 * Puts an entry, first evicting an arbitrary tenth (at least one) of a full cache.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param cache the cache, a concurrent map
	 * @param capacity how many entries the cache may hold
	 * @param key the key
	 * @param value the value
	 */
	public static <K, V> void put(Map<K, V> cache, int capacity, K key, V value) {
		if (cache.size() >= capacity) {
			Iterator<K> keys = cache.keySet().iterator();
			for (int i = 0; i < Math.max(1, capacity / 10) && keys.hasNext(); i++) {
				keys.next();
				keys.remove();
			}
		}
		cache.put(key, value);
	}

}
