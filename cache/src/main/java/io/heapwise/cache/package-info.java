/**
 * heapwise cache: a byte-weighted TTL cache on Caffeine that gives memory back under pressure.
 *
 * <p>{@link io.heapwise.cache.MemoryAwareCache} is the cache, {@link io.heapwise.cache.CacheConfig}
 * its budget and expiry, {@link io.heapwise.cache.Sizer} (with built-ins in {@link
 * io.heapwise.cache.Sizers}) how entries are weighed, {@link io.heapwise.cache.CacheStats} what it
 * did.
 */
package io.heapwise.cache;
