package io.heapwise.cache;

/**
 * Told of every entry that leaves a {@link MemoryAwareCache}, with its {@link RemovalCause}.
 *
 * <p>It runs synchronously on the thread that removed the entry: a writer, a reader doing
 * Caffeine's maintenance, the pressure source's thread during a shrink (possibly while it holds
 * Caffeine's eviction lock), or the expiry scheduler's thread. So it must be quick and must <b>not
 * write back into the same cache</b> (that can deadlock or recurse); hand such work to another
 * thread. An exception it throws is logged by Caffeine and otherwise ignored.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  /** Called once per removed entry; key and value are never null. */
  void onRemoval(K key, V value, RemovalCause cause);
}
