package io.heapwise.monitor;

/** A sample source the test sets figure by figure. */
final class FedSource implements SampleSource {
  long heapUsed = 300;
  long heapCommitted = 500;
  long heapMax = 1_000;
  long gcCount;
  long gcMillis;
  long allocatedBytes;
  long samples;
  int closes;
  private volatile long live = -1;
  private volatile long collections;
  private volatile long settledLive = -1;
  private volatile long settledCollections;

  /** Reports one collection leaving {@code liveBytes}; settled as a major collection would be. */
  @SuppressWarnings("NonAtomicVolatileUpdate") // one writer: the test thread
  void collection(long liveBytes, boolean settled) {
    live = liveBytes;
    collections++;
    gcCount++;
    if (settled) {
      settledLive = liveBytes;
      settledCollections++;
    }
  }

  @Override
  public void sample() {
    samples++;
  }

  @Override
  public long heapUsed() {
    return heapUsed;
  }

  @Override
  public long heapCommitted() {
    return heapCommitted;
  }

  @Override
  public long heapMax() {
    return heapMax;
  }

  @Override
  public long gcCount() {
    return gcCount;
  }

  @Override
  public long gcMillis() {
    return gcMillis;
  }

  @Override
  public long allocatedBytes() {
    return allocatedBytes;
  }

  @Override
  public long liveAfterGcBytes() {
    return live;
  }

  @Override
  public long collections() {
    return collections;
  }

  @Override
  public long settledLiveBytes() {
    return settledLive;
  }

  @Override
  public long settledCollections() {
    return settledCollections;
  }

  @Override
  public void close() {
    closes++;
  }
}
