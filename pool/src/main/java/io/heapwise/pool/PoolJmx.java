package io.heapwise.pool;

/** Adapts an {@link ObjectPool} to {@link PoolMXBean}; each getter reads a fresh snapshot. */
final class PoolJmx implements PoolMXBean {

  private final ObjectPool<?> pool;

  PoolJmx(ObjectPool<?> pool) {
    this.pool = pool;
  }

  @Override
  public String getName() {
    return pool.name();
  }

  @Override
  public int getMaxSize() {
    return pool.stats().maxSize();
  }

  @Override
  public long getCreated() {
    return pool.stats().created();
  }

  @Override
  public long getDestroyed() {
    return pool.stats().destroyed();
  }

  @Override
  public long getBorrows() {
    return pool.stats().borrows();
  }

  @Override
  public long getHits() {
    return pool.stats().hits();
  }

  @Override
  public long getMisses() {
    return pool.stats().misses();
  }

  @Override
  public double getReuseRate() {
    return pool.stats().reuseRate();
  }

  @Override
  public long getInUse() {
    return pool.stats().inUse();
  }

  @Override
  public long getIdle() {
    return pool.stats().idle();
  }

  @Override
  public long getExtrasAllocated() {
    return pool.stats().extrasAllocated();
  }

  @Override
  public long getExhausted() {
    return pool.stats().exhausted();
  }

  @Override
  public long getLeaksReported() {
    return pool.stats().leaksReported();
  }

  @Override
  public long getValidationFailures() {
    return pool.stats().validationFailures();
  }

  @Override
  public long getBorrowWaitNanos() {
    return pool.stats().borrowWaitNanos();
  }

  @Override
  public String getPressure() {
    return pool.stats().pressure().name();
  }

  @Override
  public void resize(int maxSize) {
    pool.resize(maxSize);
  }

  @Override
  public int trim(int count) {
    return pool.trim(count);
  }
}
