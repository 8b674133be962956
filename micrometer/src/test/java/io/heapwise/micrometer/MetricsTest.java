package io.heapwise.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwise.buffer.BoundedBatchBuffer;
import io.heapwise.buffer.BufferConfig;
import io.heapwise.buffer.OverflowPolicy;
import io.heapwise.cache.CacheConfig;
import io.heapwise.cache.MemoryAwareCache;
import io.heapwise.cache.Sizers;
import io.heapwise.core.ManualPressureSource;
import io.heapwise.core.MemoryPressure;
import io.heapwise.monitor.MemoryMonitor;
import io.heapwise.monitor.MonitorConfig;
import io.heapwise.pool.MissPolicy;
import io.heapwise.pool.ObjectPool;
import io.heapwise.pool.PoolConfig;
import io.heapwise.pool.PoolFactory;
import io.heapwise.pool.Pooled;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Every binder against a SimpleMeterRegistry: the values, not only the presence of meters. */
class MetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void poolMeters() {
    ObjectPool<StringBuilder> pool =
        ObjectPool.create(
            PoolConfig.builder("queries").maxSize(2).missPolicy(MissPolicy.ALLOCATE).build(),
            PoolFactory.of(StringBuilder::new, sb -> sb.setLength(0)));
    new PoolMetrics(pool, Tags.of("service", "experts")).bindTo(registry);
    pool.borrow().close();
    pool.borrow().close();
    Pooled<StringBuilder> a = pool.borrow();
    Pooled<StringBuilder> b = pool.borrow();
    Pooled<StringBuilder> extra = pool.borrow();

    assertThat(counter("heapwise.pool.borrows", "name", "queries", "service", "experts"))
        .isEqualTo(5);
    assertThat(counter("heapwise.pool.hits", "name", "queries")).isEqualTo(2);
    assertThat(counter("heapwise.pool.misses", "name", "queries")).isEqualTo(3);
    assertThat(counter("heapwise.pool.extras", "name", "queries")).isEqualTo(1);
    assertThat(gauge("heapwise.pool.in.use", "name", "queries")).isEqualTo(3);
    assertThat(gauge("heapwise.pool.idle", "name", "queries")).isZero();
    assertThat(gauge("heapwise.pool.reuse.ratio", "name", "queries")).isEqualTo(0.4);
    assertThat(gauge("heapwise.pool.max.size", "name", "queries")).isEqualTo(2);
    assertThat(counter("heapwise.pool.leaks", "name", "queries")).isZero();
    a.close();
    b.close();
    extra.close();
    assertThat(gauge("heapwise.pool.idle", "name", "queries")).isEqualTo(2);
  }

  @Test
  void aCacheWithoutRecordStatsIsBoundWithAWarningAndCountsOnlyRefusals() {
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord logRecord) {
            logged.add(logRecord);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(CacheMetrics.class.getName());
    logger.addHandler(handler);
    try {
      MemoryAwareCache<Long, byte[]> cache =
          MemoryAwareCache.create(
              CacheConfig.builder("quiet").maxBytes(100_000).build(), // record-stats off
              Sizers.<Long>boxed(),
              Sizers.byteArray());
      new CacheMetrics(cache).bindTo(registry);
      cache.put(1L, new byte[1_000]);
      cache.getIfPresent(1L);
      cache.put(2L, new byte[50_000]); // refused
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(logged)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getLevel()).isEqualTo(Level.WARNING);
              assertThat(r.getMessage())
                  .contains("cache 'quiet'")
                  .contains("record-stats=false")
                  .contains("heapwise.cache.gets");
            });
    assertThat(counter("heapwise.cache.gets", "name", "quiet", "result", "hit")).isZero();
    assertThat(counter("heapwise.cache.puts", "name", "quiet")).isZero();
    assertThat(counter("heapwise.cache.puts.refused", "name", "quiet")).isEqualTo(1);
    assertThat(gauge("heapwise.cache.size", "name", "quiet")).isEqualTo(1);
  }

  @Test
  void aScrapeSharesOneCacheSnapshotAndTheNextScrapeSeesLaterWrites() {
    AtomicLong nanos = new AtomicLong();
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("shared").maxBytes(100_000).recordStats(true).build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    new CacheMetrics(cache, Tags.empty(), nanos::get).bindTo(registry);
    cache.put(1L, new byte[100]);
    assertThat(counter("heapwise.cache.puts", "name", "shared")).isEqualTo(1);

    cache.put(2L, new byte[100]);
    nanos.addAndGet(CacheMetrics.SNAPSHOT_REUSE_NANOS - 1); // the same scrape
    assertThat(counter("heapwise.cache.puts", "name", "shared")).isEqualTo(1);
    assertThat(gauge("heapwise.cache.size", "name", "shared")).isEqualTo(1);

    nanos.addAndGet(1); // the next scrape
    assertThat(counter("heapwise.cache.puts", "name", "shared")).isEqualTo(2);
    assertThat(gauge("heapwise.cache.size", "name", "shared")).isEqualTo(2);
  }

  @Test
  void cacheMetersIncludeEvictionsByCauseWithBytes() {
    MemoryAwareCache<Long, byte[]> cache =
        MemoryAwareCache.create(
            CacheConfig.builder("responses").maxBytes(100_000).recordStats(true).build(),
            Sizers.<Long>boxed(),
            Sizers.byteArray());
    new CacheMetrics(cache).bindTo(registry);
    for (long key = 0; key < 10; key++) {
      cache.put(key, new byte[1_000]);
    }
    cache.getIfPresent(1L);
    cache.getIfPresent(99L);
    cache.put(100L, new byte[50_000]); // over max-entry-bytes (10,000): refused
    ManualPressureSource pressure = new ManualPressureSource();
    pressure.subscribe(cache);
    pressure.set(MemoryPressure.CRITICAL);
    cache.cleanUp();

    assertThat(counter("heapwise.cache.gets", "name", "responses", "result", "hit")).isEqualTo(1);
    assertThat(counter("heapwise.cache.gets", "name", "responses", "result", "miss")).isEqualTo(1);
    assertThat(counter("heapwise.cache.puts", "name", "responses")).isEqualTo(10);
    assertThat(counter("heapwise.cache.puts.refused", "name", "responses")).isEqualTo(1);
    double evicted = counter("heapwise.cache.evictions", "name", "responses", "cause", "pressure");
    assertThat(evicted).isPositive();
    assertThat(counter("heapwise.cache.evicted.bytes", "name", "responses", "cause", "pressure"))
        .isEqualTo((double) cache.stats().evictedBytes(io.heapwise.cache.EvictionCause.PRESSURE))
        .isPositive();
    assertThat(counter("heapwise.cache.evictions", "name", "responses", "cause", "size")).isZero();
    assertThat(gauge("heapwise.cache.size", "name", "responses")).isEqualTo(10 - evicted);
    assertThat(gauge("heapwise.cache.estimated.bytes", "name", "responses"))
        .isEqualTo((double) cache.estimatedBytes());
    assertThat(gauge("heapwise.cache.budget.bytes", "name", "responses")).isLessThan(100_000);
    assertThat(gauge("heapwise.cache.configured.budget.bytes", "name", "responses"))
        .isEqualTo(100_000);
    assertThat(registry.get("heapwise.cache.estimated.bytes").gauge().getId().getBaseUnit())
        .isEqualTo("bytes");
  }

  @Test
  void bufferMeters() throws InterruptedException {
    BoundedBatchBuffer<Integer> buffer =
        BoundedBatchBuffer.<Integer>builder(
                BufferConfig.builder("results")
                    .capacity(3)
                    .overflowPolicy(OverflowPolicy.REJECT)
                    .build(),
                batch -> {
                  if (batch.contains(5)) {
                    throw new IllegalStateException("sink down");
                  }
                })
            .errorHandler((batch, error) -> {})
            .build();
    new BufferMetrics(buffer).bindTo(registry);
    buffer.offerBatch(List.of(1, 2, 3));
    buffer.offer(4);
    buffer.drain();
    buffer.offer(5);
    buffer.offer(6);
    buffer.drain();
    buffer.offer(7);

    assertThat(counter("heapwise.buffer.offered", "name", "results")).isEqualTo(7);
    assertThat(counter("heapwise.buffer.accepted", "name", "results")).isEqualTo(6);
    assertThat(counter("heapwise.buffer.rejected", "name", "results")).isEqualTo(1);
    assertThat(counter("heapwise.buffer.drained", "name", "results")).isEqualTo(5);
    assertThat(counter("heapwise.buffer.failed", "name", "results")).isEqualTo(2);
    assertThat(counter("heapwise.buffer.blocked.count", "name", "results")).isZero();
    assertThat(counter("heapwise.buffer.dropped", "name", "results")).isZero();
    assertThat(gauge("heapwise.buffer.items", "name", "results")).isEqualTo(1);
    assertThat(gauge("heapwise.buffer.high.water.items", "name", "results")).isEqualTo(3);
    assertThat(gauge("heapwise.buffer.capacity", "name", "results")).isEqualTo(3);
  }

  @Test
  void monitorMeters() throws InterruptedException {
    try (MemoryMonitor monitor =
        MemoryMonitor.start(
            MonitorConfig.builder()
                .intervals(Duration.ofMillis(20), Duration.ofMillis(100))
                .build())) {
      new MonitorMetrics(monitor).bindTo(registry);
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (monitor.stats().samples() < 3 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(counter("heapwise.monitor.samples")).isGreaterThanOrEqualTo(3);
      assertThat(gauge("heapwise.monitor.pressure")).isZero();
      assertThat(gauge("heapwise.monitor.interval")).isBetween(0.02, 0.1);
      assertThat(gauge("heapwise.monitor.gc.overhead")).isBetween(0.0, 1.0);
      assertThat(gauge("heapwise.monitor.allocation.rate")).isGreaterThanOrEqualTo(0);
      assertThat(gauge("heapwise.monitor.leak.suspected"))
          .isEqualTo(monitor.snapshot().leakSuspected() ? 1 : 0);
      assertThat(gauge("heapwise.monitor.leak.slope"))
          .isEqualTo(monitor.snapshot().leakSlopeBytesPerMinute());
      assertThat(registry.get("heapwise.monitor.leak.slope").gauge().getId().getBaseUnit())
          .isEqualTo("bytes/min");
    }
  }
}
