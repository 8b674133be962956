package io.heapwise.cache;

/**
 * Told of every entry that leaves a {@link MemoryAwareCache}, with its {@link RemovalCause}.
 *
 * <p>An eviction (SIZE, PRESSURE, EXPIRED) is told synchronously on the evicting thread while it
 * holds Caffeine's eviction lock: Caffeine's maintenance task on {@link
 * java.util.concurrent.ForkJoinPool#commonPool()}, the pressure source's thread during a shrink, or
 * a caller of {@code cleanUp()}, {@code stats()} or {@code setBudget}. An EXPLICIT or REPLACED
 * removal is told shortly after it, on the common pool. So the listener must be quick, must not
 * block (it would hold a common-pool worker or the eviction lock) and must <b>not write back into
 * the same cache</b> (that can deadlock or recurse); hand such work to another thread. An exception
 * it throws is logged by Caffeine and otherwise ignored.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface RemovalListener<K, V> {

  /** Called once per removed entry; key and value are never null. */
  void onRemoval(K key, V value, RemovalCause cause);
}
