package io.heapwise.cache;

/**
 * A cache's {@link CacheMXBean}: reads one stats snapshot per attribute, as JMX clients expect, and
 * sets or resets its budget.
 */
final class CacheJmx implements CacheMXBean {

  private final MemoryAwareCache<?, ?> cache;

  CacheJmx(MemoryAwareCache<?, ?> cache) {
    this.cache = cache;
  }

  @Override
  public String getName() {
    return cache.config().name();
  }

  @Override
  public boolean isRecordingStats() {
    return cache.config().recordStats();
  }

  @Override
  public long getHits() {
    return cache.stats().hits();
  }

  @Override
  public long getMisses() {
    return cache.stats().misses();
  }

  @Override
  public double getHitRate() {
    return cache.stats().hitRate();
  }

  @Override
  public long getPuts() {
    return cache.stats().puts();
  }

  @Override
  public long getRefused() {
    return cache.stats().refused();
  }

  @Override
  public long getLoads() {
    return cache.stats().loads();
  }

  @Override
  public long getLoadFailures() {
    return cache.stats().loadFailures();
  }

  @Override
  public long getSizeEvictions() {
    return cache.stats().evictions(EvictionCause.SIZE);
  }

  @Override
  public long getPressureEvictions() {
    return cache.stats().evictions(EvictionCause.PRESSURE);
  }

  @Override
  public long getExpiredEvictions() {
    return cache.stats().evictions(EvictionCause.EXPIRED);
  }

  @Override
  public long getSizeEvictedBytes() {
    return cache.stats().evictedBytes(EvictionCause.SIZE);
  }

  @Override
  public long getPressureEvictedBytes() {
    return cache.stats().evictedBytes(EvictionCause.PRESSURE);
  }

  @Override
  public long getExpiredEvictedBytes() {
    return cache.stats().evictedBytes(EvictionCause.EXPIRED);
  }

  @Override
  public long getEntries() {
    return cache.estimatedEntries();
  }

  @Override
  public long getEstimatedBytes() {
    return cache.estimatedBytes();
  }

  @Override
  public long getCurrentBudget() {
    return cache.budget();
  }

  @Override
  public long getConfiguredBudget() {
    return cache.configuredBudget();
  }

  @Override
  public void updateBudget(long bytes) {
    cache.setBudget(bytes);
  }

  @Override
  public void resetBudget() {
    cache.resetBudget();
  }
}
