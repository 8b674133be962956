package io.heapwise.monitor;

/**
 * Where the monitor's figures come from: the JVM ({@link HeapSampler}) in production, a fed source
 * in tests. {@link #sample()} refreshes the figures; the getters return them. Used by the monitor
 * thread only, except that the GC figures ({@link #liveAfterGcBytes()}, {@link #collections()},
 * {@link #settledLiveBytes()}, {@link #settledCollections()}) may be written by another thread (the
 * JMX notification thread) and must be safe to read at any time.
 */
interface SampleSource extends AutoCloseable {

  /** Refreshes the heap, GC and allocation figures. Must not allocate. */
  void sample();

  /** Heap in use at the last sample, garbage included. */
  long heapUsed();

  /** Heap committed at the last sample. */
  long heapCommitted();

  /** Max heap at the last sample. */
  long heapMax();

  /** Collections of all collectors so far, at the last sample. */
  long gcCount();

  /** Milliseconds spent in all collectors so far, at the last sample. */
  long gcMillis();

  /** Bytes allocated by all threads so far, or -1 where the JVM cannot tell. */
  long allocatedBytes();

  /** Live heap right after the last collection (old generation where there is one); -1 before. */
  long liveAfterGcBytes();

  /** How many collections have reported {@link #liveAfterGcBytes()} so far. */
  long collections();

  /**
   * Live heap after the last collection that reclaimed long-lived space (an old or mixed
   * collection, or any collection of a single-generation collector): the figure a leak trend is
   * judged on, because the old generation only grows between such collections. -1 before the first.
   */
  long settledLiveBytes();

  /** How many collections have reported {@link #settledLiveBytes()} so far. */
  long settledCollections();

  /** Stops listening for collections. Idempotent. */
  @Override
  void close();
}
