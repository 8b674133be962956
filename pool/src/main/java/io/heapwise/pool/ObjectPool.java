package io.heapwise.pool;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A lock-free pool of reusable objects: borrow, use, release, with nothing allocated per borrow.
 *
 * <pre>{@code
 * ObjectPool<ExpertQuery> queries =
 *     ObjectPool.create(PoolConfig.builder("queries").maxSize(256).build(), factory);
 * try (Pooled<ExpertQuery> handle = queries.borrow()) {
 *   ExpertQuery query = handle.get();
 *   ...
 * } // reset runs, the query is ready for the next request
 * }</pre>
 *
 * <p><b>How it stays fast.</b> Each thread remembers the last slot it borrowed and claims it again
 * with one CAS (no clock read, no queue). Otherwise it polls a bounded array-backed MPMC queue of
 * free slots (JCTools, no node allocated per release), and below {@code max-size} creates a new
 * slot. A slot is allocated once per pooled object and is itself the {@link Pooled} handle.
 *
 * <p><b>When the pool is dry</b> (every object lent, {@code max-size} reached), {@link
 * PoolConfig#missPolicy()} decides: create an unpooled extra, wait (FIFO-fair, parked, up to the
 * timeout), or fail with {@link PoolExhaustedException} naming the pool and its size.
 *
 * <p><b>Misuse</b> is caught, not absorbed: releasing a handle twice, using it after release, or
 * releasing it to another pool throws {@link IllegalStateException} and leaves the pool intact.
 *
 * <p><b>Memory pressure.</b> As a {@link PressureListener}, the pool destroys half its idle objects
 * at {@code ELEVATED} and all of them at {@code CRITICAL}; borrows then create objects again.
 *
 * <p>Thread-safe. Hooks of the {@link PoolableFactory} run on the borrowing or releasing thread.
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T> implements PressureListener, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ObjectPool.class.getName());

  private final PoolConfig config;
  private final PoolableFactory<T> factory;
  private final MpmcArrayQueue<Slot<T>> free;
  private final AtomicReferenceArray<Slot<T>> slots;

  // Per pool, not static: each pool remembers its own last slot per thread. The entry is weakly
  // keyed by this ThreadLocal, so a discarded pool's entries are collected with it.
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Slot<T>> lastSlot = new ThreadLocal<>();

  private final AtomicInteger size = new AtomicInteger();
  private final AtomicInteger extrasInUse = new AtomicInteger();
  private final AtomicInteger waiters = new AtomicInteger();
  private final ReentrantLock waitLock = new ReentrantLock(true);
  private final Condition released = waitLock.newCondition();
  private final long leakThresholdNanos;
  private volatile int maxSize;
  private volatile boolean closed;

  private final LongAdder borrows = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder extras = new LongAdder();
  private final LongAdder exhausted = new LongAdder();
  private final LongAdder created = new LongAdder();
  private final LongAdder destroyed = new LongAdder();
  private final LongAdder leaks = new LongAdder();

  private ObjectPool(PoolConfig config, PoolableFactory<T> factory) {
    this.config = config;
    this.factory = factory;
    this.maxSize = config.maxSize();
    this.free = new MpmcArrayQueue<>(Math.max(2, config.maxSize()));
    this.slots = new AtomicReferenceArray<>(config.maxSize());
    this.leakThresholdNanos = config.leakThreshold().toNanos();
  }

  /**
   * Builds a pool and creates its {@code prefill} objects.
   *
   * @throws NullPointerException if an argument is null
   * @throws RuntimeException what the factory threw while prefilling (nothing is kept)
   */
  public static <T> ObjectPool<T> create(PoolConfig config, PoolableFactory<T> factory) {
    ObjectPool<T> pool =
        new ObjectPool<>(
            Objects.requireNonNull(config, "config"), Objects.requireNonNull(factory, "factory"));
    for (int i = 0; i < config.prefill(); i++) {
      Slot<T> slot = pool.grow(Slot.FREE);
      pool.free.offer(slot);
    }
    return pool;
  }

  /** The pool's name, as configured. */
  public String name() {
    return config.name();
  }

  /** The configuration the pool was built with ({@code max-size} may since have been resized). */
  public PoolConfig config() {
    return config;
  }

  /**
   * Lends an object, applying the miss policy when the pool is dry.
   *
   * @throws PoolExhaustedException under {@link MissPolicy#FAIL}, or {@link MissPolicy#BLOCK} after
   *     the configured timeout
   * @throws IllegalStateException if the pool is closed
   */
  public Pooled<T> borrow() {
    Slot<T> slot = claim();
    if (slot == null) {
      slot = onMiss(config.missPolicy(), config.blockTimeout().toNanos());
    }
    return lend(slot);
  }

  /**
   * Lends an object, waiting up to {@code timeout} for one when the pool is dry, whatever the
   * configured miss policy.
   *
   * @throws PoolExhaustedException if none became free in time
   * @throws IllegalArgumentException if the timeout is negative
   */
  public Pooled<T> borrow(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be zero or more, was " + timeout);
    }
    Slot<T> slot = claim();
    if (slot == null) {
      slot = onMiss(MissPolicy.BLOCK, timeout.toNanos());
    }
    return lend(slot);
  }

  /**
   * Lends an object if one is free or can be created below {@code max-size}; never blocks and never
   * creates an extra.
   *
   * @return the handle, or null when the pool is dry
   */
  public Pooled<T> tryBorrow() {
    Slot<T> slot = claim();
    return slot == null ? null : lend(slot);
  }

  private Pooled<T> lend(Slot<T> slot) {
    borrows.increment();
    if (!factory.validate(slot.object)) {
      replaceObject(slot);
    }
    if (leakThresholdNanos > 0) {
      slot.borrowedAtNanos = System.nanoTime();
      slot.leakReported = false;
    }
    return slot;
  }

  /** Claims a free slot, or creates one below max-size; null when the pool is dry. */
  private Slot<T> claim() {
    if (closed) {
      throw new IllegalStateException("pool '" + name() + "' is closed");
    }
    Slot<T> last = lastSlot.get();
    // Fast path: one CAS on the slot this thread used last; its reference stays in the queue.
    if (last != null && last.cas(Slot.FREE, Slot.CLAIMED_LOCAL)) {
      hits.increment();
      return last;
    }
    Slot<T> slot;
    while ((slot = free.poll()) != null) {
      if (claimFromQueue(slot)) {
        lastSlot.set(slot);
        hits.increment();
        return slot;
      }
    }
    slot = grow(Slot.CLAIMED);
    if (slot != null) {
      lastSlot.set(slot);
      misses.increment();
    }
    return slot;
  }

  /**
   * Takes a slot just polled from the queue. A slot claimed through a thread's fast path is still
   * referenced by the queue; polling it transfers the duty to re-queue it to its borrower (state
   * CLAIMED), so that no slot is ever lost from, or queued twice in, the free queue.
   */
  private boolean claimFromQueue(Slot<T> slot) {
    while (true) {
      int state = slot.state();
      if (state == Slot.FREE) {
        if (slot.cas(Slot.FREE, Slot.CLAIMED)) {
          return true;
        }
      } else if (state == Slot.CLAIMED_LOCAL) {
        if (slot.cas(Slot.CLAIMED_LOCAL, Slot.CLAIMED)) {
          return false;
        }
      } else {
        return false; // DEAD (trimmed); CLAIMED cannot be in the queue
      }
    }
  }

  /** Creates a slot if the pool is below max-size; null otherwise. */
  private Slot<T> grow(int initialState) {
    int index = reserveIndex();
    if (index < 0) {
      return null;
    }
    T object;
    try {
      object = Objects.requireNonNull(factory.create(), "factory.create() returned null");
    } catch (RuntimeException | Error e) {
      size.decrementAndGet();
      throw e;
    }
    Slot<T> slot = new Slot<>(this, index, object, initialState);
    slots.set(index, slot);
    created.increment();
    return slot;
  }

  /** Reserves a place below max-size and a free index in the slot table; -1 when full. */
  private int reserveIndex() {
    while (true) {
      int current = size.get();
      if (current >= maxSize) {
        return -1;
      }
      if (size.compareAndSet(current, current + 1)) {
        break;
      }
    }
    for (int i = 0; i < slots.length(); i++) {
      if (slots.get(i) == null && slots.compareAndSet(i, null, placeholder())) {
        return i;
      }
    }
    size.decrementAndGet(); // cannot happen while size counts the table's entries; stay safe
    return -1;
  }

  @SuppressWarnings("unchecked")
  private Slot<T> placeholder() {
    return (Slot<T>) Placeholder.INSTANCE;
  }

  private Slot<T> onMiss(MissPolicy policy, long timeoutNanos) {
    misses.increment();
    switch (policy) {
      case ALLOCATE:
        extras.increment();
        extrasInUse.incrementAndGet();
        return new Slot<>(this, -1, factory.create(), Slot.CLAIMED);
      case BLOCK:
        return await(timeoutNanos);
      case FAIL:
      default:
        throw exhausted("every object is lent");
    }
  }

  private Slot<T> await(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    waitLock.lock();
    waiters.incrementAndGet(); // full fence: a release after this sees the waiter and signals
    try {
      while (true) {
        Slot<T> slot = claim();
        if (slot != null) {
          misses.decrement(); // served by a released object after all
          return slot;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw exhausted("no object was released within " + Duration.ofNanos(timeoutNanos));
        }
        released.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw exhausted("interrupted while waiting");
    } finally {
      waiters.decrementAndGet();
      waitLock.unlock();
    }
  }

  private PoolExhaustedException exhausted(String why) {
    exhausted.increment();
    return new PoolExhaustedException(
        "pool '"
            + name()
            + "' exhausted: "
            + why
            + " (max-size "
            + maxSize
            + ", in use "
            + (size.get() + extrasInUse.get())
            + ", policy "
            + config.missPolicy()
            + ")");
  }

  /** Takes an object back; called by {@link Slot#close()}. */
  void release(Slot<T> slot) {
    if (slot.pool != this) {
      throw new IllegalStateException(
          "pool '" + name() + "': cannot release a handle of pool '" + slot.pool.name() + "'");
    }
    int state = slot.state();
    if (state != Slot.CLAIMED && state != Slot.CLAIMED_LOCAL) {
      throw new IllegalStateException(
          "pool '" + name() + "': handle released twice (it is not lent)");
    }
    if (slot.index < 0) {
      releaseExtra(slot);
      return;
    }
    try {
      factory.reset(slot.object);
    } catch (RuntimeException | Error e) {
      kill(slot, state);
      throw e;
    }
    if (closed || size.get() > maxSize) {
      kill(slot, state); // shrunk by resize while lent, or closed: do not keep it
      return;
    }
    // A fast-path claim left the reference in the queue: going back to FREE is the whole release.
    if (state == Slot.CLAIMED_LOCAL && slot.cas(Slot.CLAIMED_LOCAL, Slot.FREE)) {
      signalWaiters();
      return;
    }
    // Either claimed from the queue, or a poller took the queue duty while we held it.
    if (!slot.cas(Slot.CLAIMED, Slot.FREE)) {
      throw new IllegalStateException(
          "pool '" + name() + "': handle released twice (concurrent release)");
    }
    free.offer(slot); // never full: capacity >= max-size and a slot is queued at most once
    // StoreLoad: the offer must be visible before we read the waiter count (Dekker with await()).
    VarHandle.fullFence();
    signalWaiters();
  }

  private void releaseExtra(Slot<T> slot) {
    if (!slot.cas(Slot.CLAIMED, Slot.DEAD)) {
      throw new IllegalStateException(
          "pool '" + name() + "': handle released twice (concurrent release)");
    }
    extrasInUse.decrementAndGet();
    destroyQuietly(slot.object);
  }

  private void signalWaiters() {
    if (waiters.get() > 0) {
      waitLock.lock();
      try {
        released.signal();
      } finally {
        waitLock.unlock();
      }
    }
  }

  /** Destroys a lent slot's object and forgets the slot. */
  private void kill(Slot<T> slot, int lentState) {
    if (slot.cas(lentState, Slot.DEAD) || slot.cas(Slot.CLAIMED, Slot.DEAD)) {
      forget(slot);
    }
  }

  private void forget(Slot<T> slot) {
    slots.set(slot.index, null);
    size.decrementAndGet();
    destroyed.increment();
    destroyQuietly(slot.object);
    signalWaiters(); // room to grow again
  }

  private void replaceObject(Slot<T> slot) {
    T old = slot.object;
    slot.object = Objects.requireNonNull(factory.create(), "factory.create() returned null");
    created.increment();
    destroyed.increment();
    destroyQuietly(old);
  }

  private void destroyQuietly(T object) {
    try {
      factory.destroy(object);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "pool '" + name() + "': destroy hook threw", e);
    }
  }

  /**
   * Destroys an object the caller knows is broken instead of returning it; its slot is freed and a
   * later borrow creates a replacement.
   *
   * @throws IllegalStateException if the handle is not lent, or belongs to another pool
   */
  public void invalidate(Pooled<T> handle) {
    if (!(handle instanceof Slot<T> slot) || slot.pool != this) {
      throw new IllegalStateException(
          "pool '" + name() + "': not a handle of this pool: " + handle);
    }
    int state = slot.state();
    if (state != Slot.CLAIMED && state != Slot.CLAIMED_LOCAL) {
      throw new IllegalStateException("pool '" + name() + "': cannot invalidate a released handle");
    }
    if (slot.index < 0) {
      releaseExtra(slot);
      return;
    }
    kill(slot, state);
  }

  /**
   * Destroys up to {@code count} idle objects; lent objects are never touched.
   *
   * @return how many were destroyed
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public int trim(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("trim count must be 0 or more, was " + count);
    }
    int trimmed = 0;
    int budget = free.capacity(); // bounded: never loop longer than the queue can hold
    while (trimmed < count && budget-- > 0) {
      Slot<T> slot = free.poll();
      if (slot == null) {
        break;
      }
      if (killPolled(slot)) {
        trimmed++;
      }
    }
    return trimmed;
  }

  /**
   * Destroys a slot just polled from the queue if it is idle. If a thread lent it through its fast
   * path meanwhile, the borrower gets the duty to re-queue it instead.
   */
  private boolean killPolled(Slot<T> slot) {
    while (true) {
      int state = slot.state();
      if (state == Slot.FREE && slot.cas(Slot.FREE, Slot.DEAD)) {
        forget(slot);
        return true;
      }
      if (state == Slot.CLAIMED_LOCAL && slot.cas(Slot.CLAIMED_LOCAL, Slot.CLAIMED)) {
        return false;
      }
      if (state == Slot.DEAD || state == Slot.CLAIMED) {
        return false;
      }
    }
  }

  /**
   * Changes the most pooled objects, between 1 and the configured {@code max-size}. Shrinking
   * destroys idle objects now and lent ones as they come back.
   *
   * @throws IllegalArgumentException naming the allowed range
   */
  public void resize(int newMaxSize) {
    if (newMaxSize < 1 || newMaxSize > config.maxSize()) {
      throw new IllegalArgumentException(
          "pool '" + name() + "': size must be in 1.." + config.maxSize() + ", was " + newMaxSize);
    }
    maxSize = newMaxSize;
    int excess = size.get() - newMaxSize;
    if (excess > 0) {
      trim(excess);
    }
    signalWaiters();
  }

  /** Trims idle objects when memory pressure rises: half at ELEVATED, all at CRITICAL. */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    if (current.isAbove(previous)) {
      int idle = idleCount();
      trim(current == MemoryPressure.CRITICAL ? idle : idle / 2);
    }
  }

  /** A snapshot of the counters; also scans for leaks when leak detection is on. */
  public PoolStats stats() {
    if (leakThresholdNanos > 0) {
      scanForLeaks();
    }
    int idle = idleCount();
    int pooled = size.get();
    return new PoolStats(
        name(),
        borrows.sum(),
        hits.sum(),
        misses.sum(),
        extras.sum(),
        exhausted.sum(),
        created.sum(),
        destroyed.sum(),
        Math.max(0, pooled - idle) + extrasInUse.get(),
        idle,
        maxSize,
        leaks.sum());
  }

  private int idleCount() {
    int idle = 0;
    for (int i = 0; i < slots.length(); i++) {
      Slot<T> slot = slots.get(i);
      if (slot != null && slot.state() == Slot.FREE && slot.pool == this) {
        idle++;
      }
    }
    return idle;
  }

  private void scanForLeaks() {
    long now = System.nanoTime();
    for (int i = 0; i < slots.length(); i++) {
      Slot<T> slot = slots.get(i);
      if (slot != null
          && slot.pool == this
          && slot.isLent()
          && !slot.leakReported
          && now - slot.borrowedAtNanos > leakThresholdNanos) {
        slot.leakReported = true;
        leaks.increment();
        LOG.log(
            System.Logger.Level.WARNING,
            "pool ''{0}'': an object has been lent for more than {1} ms without release: {2}",
            name(),
            TimeUnit.NANOSECONDS.toMillis(leakThresholdNanos),
            slot.object);
      }
    }
  }

  /** Destroys the idle objects; later borrows fail and objects released later are destroyed. */
  @Override
  public void close() {
    closed = true;
    trim(Integer.MAX_VALUE);
    waitLock.lock();
    try {
      released.signalAll();
    } finally {
      waitLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ObjectPool[" + name() + ", size " + size.get() + "/" + maxSize + "]";
  }

  /** Marks a slot-table index as taken while its slot is being created. */
  private static final class Placeholder {
    static final Slot<Object> INSTANCE = new Slot<>(null, -2, null, Slot.DEAD);

    private Placeholder() {}
  }
}
