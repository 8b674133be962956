package io.heapwise.demo;

import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.CacheStats;
import io.heapwise.cache.EvictionCause;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import io.heapwise.monitor.MemoryMonitor;
import io.heapwise.monitor.MonitorConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The body of {@link LowHeapCacheIT}, run in its own small JVM: a cache whose byte budget (1 GiB)
 * is far larger than the heap, filled at full speed by 4 threads with 64 KiB values. The cache caps
 * its budget at heap-cap (75%) of max heap, which is still more than the heap holds beside the
 * garbage the writers make; it lives on because the real {@link MemoryMonitor} tells it to shrink.
 * Prints one line of figures; an OutOfMemoryError ends the JVM (the test runs it with {@code
 * -XX:+ExitOnOutOfMemoryError}).
 */
public final class LowHeapCacheRun {

  static final int VALUE_BYTES = 64 * 1024;
  static final int WRITERS = 4;

  private LowHeapCacheRun() {}

  /**
   * Fills the cache for the given time and prints the figures.
   *
   * @param args the run time in seconds
   */
  public static void main(String[] args) throws InterruptedException {
    long seconds = Long.parseLong(args[0]);
    MonitorConfig monitorConfig =
        MonitorConfig.builder().intervals(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
    CacheConfig cacheConfig =
        CacheConfig.builder("low-heap")
            .maxBytes(1L << 30)
            .maxEntryBytes(1L << 20)
            .ttl(Duration.ofHours(1))
            .build();
    try (MemoryAwareCache<Long, byte[]> cache =
            MemoryAwareCache.create(cacheConfig, Sizers.<Long>boxed(), Sizers.byteArray());
        MemoryMonitor monitor = MemoryMonitor.start(monitorConfig)) {
      monitor.subscribe(cache);
      AtomicLong keys = new AtomicLong();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      Thread[] writers = new Thread[WRITERS];
      for (int i = 0; i < WRITERS; i++) {
        writers[i] =
            new Thread(
                () -> {
                  while (System.nanoTime() < deadline) {
                    cache.put(keys.incrementAndGet(), new byte[VALUE_BYTES]);
                  }
                },
                "writer-" + i);
        writers[i].start();
      }
      for (Thread writer : writers) {
        writer.join();
      }
      CacheStats stats = cache.stats();
      System.out.println(
          "puts="
              + keys.get()
              + " pressureEvictions="
              + stats.evictions(EvictionCause.PRESSURE)
              + " sizeEvictions="
              + stats.evictions(EvictionCause.SIZE)
              + " estimatedBytes="
              + stats.estimatedBytes()
              + " budget="
              + stats.currentBudget()
              + " configuredBudget="
              + stats.configuredBudget()
              + " levelChanges="
              + monitor.stats().levelChanges());
    }
  }
}
