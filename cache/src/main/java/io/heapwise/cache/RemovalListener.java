package io.heapwise.cache;

/**
 * Told of every entry that leaves a {@link MemoryAwareCache}, with its {@link RemovalCause}.
 *
 * <p>It runs synchronously on the thread that removed the entry: the writer or invalidating caller
 * (REPLACED, EXPLICIT), Caffeine's maintenance task on {@link
 * java.util.concurrent.ForkJoinPool#commonPool()} (SIZE, EXPIRED), the pressure source's thread
 * during a shrink (PRESSURE), or a caller of {@code cleanUp()}; evictions run while that thread
 * holds Caffeine's eviction lock. So it must be quick, must not block (it would hold a common-pool
 * worker) and must <b>not write back into the same cache</b> (that can deadlock or recurse); hand
 * such work to another thread. An exception it throws is logged by Caffeine and otherwise ignored.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  /** Called once per removed entry; key and value are never null. */
  void onRemoval(K key, V value, RemovalCause cause);
}
