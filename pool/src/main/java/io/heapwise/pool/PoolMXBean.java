package io.heapwise.pool;

/**
 * The JMX view of one {@link ObjectPool}, registered as {@code io.heapwise:type=Pool,name=<name>}
 * when the pool's config has {@code jmx=true}, and unregistered when the pool closes.
 *
 * <p>Attributes are read from one {@link ObjectPool#stats()} snapshot per call; see {@link
 * PoolStats} for what each counts. The operations are the pool's safe run-time controls.
 */
public interface PoolMXBean {

  /** The pool's name. */
  String getName();

  /** The current maximum size. */
  int getMaxSize();

  /** Objects created for the pool. */
  long getCreated();

  /** Pooled objects destroyed. */
  long getDestroyed();

  /** Borrows that handed out an object. */
  long getBorrows();

  /** Borrows served by an object already in the pool. */
  long getHits();

  /** Borrows that needed a new object. */
  long getMisses();

  /** {@code hits / borrows}, 0 before the first borrow. */
  double getReuseRate();

  /** Objects lent out now, extras included. */
  long getInUse();

  /** Objects in the pool ready to be borrowed. */
  long getIdle();

  /** Extra objects created under {@link MissPolicy#ALLOCATE}. */
  long getExtrasAllocated();

  /** Borrows refused because the pool was exhausted. */
  long getExhausted();

  /** Leaks reported. */
  long getLeaksReported();

  /** Objects rejected by validation. */
  long getValidationFailures();

  /** Total time borrowers waited, in nanoseconds. */
  long getBorrowWaitNanos();

  /** The memory-pressure level the pool last heard. */
  String getPressure();

  /**
   * Changes the maximum size, as {@link ObjectPool#resize(int)}.
   *
   * @param maxSize from 1 to the pool's resize-limit
   */
  void resize(int maxSize);

  /**
   * Destroys up to {@code count} idle objects, as {@link ObjectPool#trim(int)}.
   *
   * @param count how many at most
   * @return how many were destroyed
   */
  int trim(int count);
}
