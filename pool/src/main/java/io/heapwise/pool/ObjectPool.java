package io.heapwise.pool;

import io.heapwise.core.MemoryPressure;
import io.heapwise.core.PressureListener;
import io.heapwise.core.jmx.JmxRegistration;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded, lock-free pool of reusable objects that lends them out without allocating.
 *
 * <pre>{@code
 * ObjectPool<ExpertQuery> queries = ObjectPool.create(
 *     PoolConfig.builder("query").maxSize(256).prefill(64).build(),
 *     PoolFactory.of(ExpertQuery::new, ExpertQuery::clear));
 *
 * try (Pooled<ExpertQuery> handle = queries.borrow()) {
 *   ExpertQuery query = handle.get();
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Speed.</b> A thread remembers the last object it borrowed; borrowing it again is one
 * compare-and-set, releasing it (on any thread) one ordered store. No clock is read, no lock is
 * taken, nothing is allocated. When that object is taken, the borrower polls a bounded array queue
 * of idle objects, then creates one if the pool is below {@link PoolConfig#maxSize()}, then applies
 * the {@link MissPolicy}.
 *
 * <p><b>Retention.</b> The pool keeps at most {@code maxSize} objects, idle or lent out; extras
 * made under {@link MissPolicy#ALLOCATE} are destroyed on release. {@link #resize(int)} and {@link
 * #trim(int)} change this at run time. As a {@link PressureListener}, the pool destroys {@link
 * PoolConfig#elevatedTrim()} of its idle objects above {@link PoolConfig#trimFloor()} when pressure
 * becomes {@code ELEVATED}; on {@code CRITICAL} it destroys idle objects down to the floor and
 * destroys released objects while it holds more than the floor; on {@code NORMAL} it keeps up to
 * {@code maxSize} again. Trims run on the publishing thread in steps of at most {@value #TRIM_STEP}
 * objects; a larger trim continues on the pool's maintenance thread.
 *
 * <p><b>Thread safety.</b> Every method may be called from any thread, including virtual threads
 * (waiting parks; no method holds a monitor). A release happens-before the next borrow of the same
 * object.
 *
 * <p><b>Misuse.</b> Releasing a handle twice, using it after release, releasing or invalidating a
 * handle of another pool, and borrowing from a closed pool throw {@link IllegalStateException} or
 * {@link IllegalArgumentException} naming the pool, and leave the pool intact.
 *
 * @param <T> the pooled type
 */
public final class ObjectPool<T> implements PressureListener, AutoCloseable {

  /** The most objects a pressure or resize trim destroys on the calling thread. */
  public static final int TRIM_STEP = 64;

  private static final System.Logger LOG = System.getLogger(ObjectPool.class.getName());

  private final PoolConfig config;
  private final PoolFactory<T> factory;
  private final SlotPool<T> slots;

  /** Null when leak detection is off: the hot path then pays one null test. */
  private final LeakTracker<T> leaks;

  private final MissPolicy missPolicy;
  private final long borrowTimeoutNanos;

  private final LongAdder extrasAllocated = new LongAdder();
  private final LongAdder extrasReleased = new LongAdder();
  private final LongAdder exhausted = new LongAdder();

  private volatile MemoryPressure pressure = MemoryPressure.NORMAL;

  /** Null unless the config says {@code jmx=true}. */
  private volatile JmxRegistration jmx;

  private ObjectPool(PoolConfig config, PoolFactory<T> factory, LeakListener leakListener) {
    this.config = config;
    this.factory = factory;
    this.missPolicy = config.missPolicy();
    this.borrowTimeoutNanos = config.borrowTimeout().toNanos();
    this.slots =
        new SlotPool<>(
            config.name(),
            factory,
            config.maxSize(),
            config.resizeLimit(),
            missPolicy == MissPolicy.BLOCK);
    this.leaks = config.leakDetection() ? new LeakTracker<>(slots, config, leakListener) : null;
  }

  /**
   * Builds a pool and creates its {@link PoolConfig#prefill()} objects.
   *
   * @param config the configuration
   * @param factory makes, resets, validates and destroys the objects
   * @param <T> the pooled type
   * @return the pool
   * @throws NullPointerException if an argument is null
   * @throws PoolException if the factory fails while prefilling (objects made so far are destroyed)
   */
  public static <T> ObjectPool<T> create(PoolConfig config, PoolFactory<T> factory) {
    return create(config, factory, null);
  }

  /**
   * Builds a pool that reports leaks to a listener (as well as to {@link System.Logger}).
   *
   * @param config the configuration; leak reports need {@link PoolConfig#leakDetection()}
   * @param factory makes, resets, validates and destroys the objects
   * @param leakListener receives leak reports, or null
   * @param <T> the pooled type
   * @return the pool
   * @throws NullPointerException if {@code config} or {@code factory} is null
   * @throws PoolException if the factory fails while prefilling (objects made so far are destroyed)
   * @throws IllegalStateException if {@code jmx=true} and a pool with the same name is already
   *     registered (the new pool is closed)
   */
  public static <T> ObjectPool<T> create(
      PoolConfig config, PoolFactory<T> factory, LeakListener leakListener) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(factory, "factory");
    ObjectPool<T> pool = new ObjectPool<>(config, factory, leakListener);
    try {
      for (int i = 0; i < config.prefill(); i++) {
        pool.slots.addIdle();
      }
    } catch (PoolException e) {
      pool.close();
      throw e;
    }
    if (config.jmx()) {
      try {
        pool.jmx = JmxRegistration.register(new PoolJmx(pool), "Pool", config.name());
      } catch (RuntimeException e) {
        pool.close();
        throw e;
      }
    }
    return pool;
  }

  /**
   * Borrows an object. When the pool is exhausted at its maximum, the {@link MissPolicy} decides:
   * an extra object, a wait of up to {@link PoolConfig#borrowTimeout()}, or an exception.
   *
   * @return the handle; release it with {@link Pooled#close()}
   * @throws PoolExhaustedException if the policy is FAIL, or BLOCK and the timeout passed
   * @throws PoolException if the factory's {@code create} threw (wrapped) or the wait was
   *     interrupted
   * @throws IllegalStateException if the pool is closed
   */
  public Pooled<T> borrow() {
    Slot<T> slot = slots.claimLocal();
    if (slot != null && slots.validated(slot)) {
      return handOut(slot);
    }
    return borrowSlow(missPolicy == MissPolicy.BLOCK ? borrowTimeoutNanos : 0, missPolicy);
  }

  /**
   * Borrows an object, waiting up to {@code timeout} when the pool is exhausted, whatever the miss
   * policy. When the wait ends empty-handed, {@link MissPolicy#ALLOCATE} hands out an extra; the
   * other policies throw.
   *
   * @param timeout the longest wait; zero means no wait
   * @return the handle
   * @throws IllegalArgumentException if {@code timeout} is null or negative
   * @throws PoolExhaustedException if no object became available in time
   * @throws PoolException if the factory's {@code create} threw or the wait was interrupted
   * @throws IllegalStateException if the pool is closed
   */
  public Pooled<T> borrow(Duration timeout) {
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "pool " + name() + ": borrow timeout must be zero or positive but was " + timeout);
    }
    Slot<T> slot = slots.claimLocal();
    if (slot != null && slots.validated(slot)) {
      return handOut(slot);
    }
    long nanos = saturatedNanos(timeout);
    return borrowSlow(
        nanos, missPolicy == MissPolicy.ALLOCATE ? MissPolicy.ALLOCATE : MissPolicy.BLOCK);
  }

  /**
   * Borrows an object if one is idle or can be created without exceeding the maximum; never waits
   * and never makes an extra.
   *
   * @return the handle, or null when the pool is exhausted (counted in {@link
   *     PoolStats#exhausted()})
   * @throws PoolException if the factory's {@code create} threw
   * @throws IllegalStateException if the pool is closed
   */
  public Pooled<T> tryBorrow() {
    Slot<T> slot = slots.claimLocal();
    if (slot != null && slots.validated(slot)) {
      return handOut(slot);
    }
    slots.checkOpen();
    slot = claimOrCreate();
    if (slot != null) {
      return handOut(slot);
    }
    exhausted.increment();
    return null;
  }

  private Pooled<T> handOut(Slot<T> slot) {
    slot.countBorrow();
    if (leaks != null) {
      return leaks.track(slot);
    }
    return slot;
  }

  private Pooled<T> borrowSlow(long waitNanos, MissPolicy policy) {
    slots.checkOpen();
    Slot<T> slot = claimOrCreate();
    if (slot == null && waitNanos > 0) {
      slot = awaitValid(waitNanos);
    }
    if (slot != null) {
      return handOut(slot);
    }
    if (policy == MissPolicy.ALLOCATE) {
      return allocateExtra();
    }
    exhausted.increment();
    throw new PoolExhaustedException(
        "pool "
            + name()
            + " is exhausted: all "
            + slots.maxSize()
            + " objects are borrowed (max-size "
            + slots.maxSize()
            + ", miss-policy "
            + missPolicy.name().toLowerCase(java.util.Locale.ROOT)
            + (waitNanos > 0 ? ", waited " + TimeUnit.NANOSECONDS.toMillis(waitNanos) + " ms" : "")
            + ")");
  }

  /** Claims an idle object (validated) or creates one below the maximum; null when exhausted. */
  private Slot<T> claimOrCreate() {
    for (; ; ) {
      Slot<T> slot = slots.claimShared();
      if (slot == null) {
        break;
      }
      if (slots.validated(slot)) {
        return slot;
      }
    }
    return slots.createSlot(true);
  }

  private Slot<T> awaitValid(long waitNanos) {
    long deadline = System.nanoTime() + waitNanos;
    for (; ; ) {
      long created = slots.created.sum();
      Slot<T> slot = slots.await(deadline - System.nanoTime());
      if (slot == null) {
        return null;
      }
      if (slots.created.sum() != created
          && slot.state() == Slot.BORROWED
          && slot.borrowCount() == 0) {
        slots.createdForBorrow.increment();
        return slot;
      }
      if (slots.validated(slot)) {
        return slot;
      }
    }
  }

  private Pooled<T> allocateExtra() {
    T object;
    try {
      object = factory.create();
    } catch (RuntimeException e) {
      slots.createFailures.increment();
      throw new PoolException("pool " + name() + ": the factory's create() failed: " + e, e);
    }
    if (object == null) {
      slots.createFailures.increment();
      throw new PoolException("pool " + name() + ": the factory's create() returned null", null);
    }
    extrasAllocated.increment();
    return new ExtraHandle<>(this, object);
  }

  void dropExtra(T object) {
    extrasReleased.increment();
    slots.destroy(object);
  }

  /**
   * Marks a borrowed object as broken: when its handle is released, the object is destroyed instead
   * of being pooled, and the pool's capacity is given back. The borrow itself continues until
   * {@link Pooled#close()}, so this fits inside a try-with-resources block.
   *
   * @param handle a handle borrowed from this pool and not yet released
   * @throws IllegalArgumentException if the handle is null or belongs to another pool
   * @throws IllegalStateException if the handle was already released
   */
  public void invalidate(Pooled<T> handle) {
    if (handle instanceof Slot<?> slot && slot.pool == slots) {
      if (!slot.isBorrowed()) {
        throw slots.notBorrowed((Slot<T>) handle, "invalidate");
      }
      slot.invalid = true;
    } else if (handle instanceof TrackedHandle<T> tracked && tracked.slot().pool == slots) {
      tracked.markInvalid();
    } else if (handle instanceof ExtraHandle<?> extra && extra.belongsTo(this)) {
      handle.get(); // throws if released; an extra is destroyed on release anyway
    } else {
      throw new IllegalArgumentException(
          "pool "
              + name()
              + ": cannot invalidate "
              + handle
              + ": it was not borrowed from this pool");
    }
  }

  /**
   * Changes the maximum size at run time. Growing wakes waiting borrowers; shrinking destroys idle
   * objects above the new size (up to {@value #TRIM_STEP} at once, the rest on the maintenance
   * thread) and destroys released objects while the pool holds more than the new size.
   *
   * @param maxSize the new maximum, from 1 to {@link PoolConfig#resizeLimit()}
   * @throws IllegalArgumentException naming the value and the allowed range
   * @throws IllegalStateException if the pool is closed
   */
  public void resize(int maxSize) {
    if (maxSize < 1 || maxSize > config.resizeLimit()) {
      throw new IllegalArgumentException(
          "pool "
              + name()
              + ": max size must be from 1 to "
              + config.resizeLimit()
              + " (resize-limit) but was "
              + maxSize);
    }
    slots.checkOpen();
    applyLimits(maxSize, pressure);
    trimInSteps(slots.live() - maxSize);
  }

  /**
   * Creates idle objects now, on the calling thread, as long as the pool stays within its maximum.
   *
   * @param count how many objects to add at most
   * @return how many were added
   * @throws IllegalArgumentException if {@code count} is negative
   * @throws IllegalStateException if the pool is closed
   * @throws PoolException if the factory's {@code create} threw (objects added before remain)
   */
  public int addIdle(int count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "pool " + name() + ": add count must not be negative but was " + count);
    }
    slots.checkOpen();
    int added = 0;
    while (added < count && slots.addIdle()) {
      added++;
    }
    return added;
  }

  /**
   * Destroys up to {@code count} idle objects now, on the calling thread.
   *
   * @param count how many idle objects to destroy at most
   * @return how many were destroyed
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public int trim(int count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "pool " + name() + ": trim count must not be negative but was " + count);
    }
    return slots.trimIdle(count);
  }

  /**
   * Reacts to memory pressure; see the class description. Never blocks; destroys at most {@value
   * #TRIM_STEP} objects on the calling thread.
   */
  @Override
  public void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    pressure = current;
    if (slots.isClosed()) {
      return;
    }
    int max = slots.maxSize();
    applyLimits(max, current);
    if (current == MemoryPressure.ELEVATED) {
      int idleAboveFloor = Math.max(0, idleCount() - config.trimFloor());
      trimInSteps((int) Math.ceil(idleAboveFloor * config.elevatedTrim()));
    } else if (current == MemoryPressure.CRITICAL) {
      trimInSteps(slots.live() - config.trimFloor());
    }
  }

  private void applyLimits(int maxSize, MemoryPressure level) {
    int retain = level == MemoryPressure.CRITICAL ? config.trimFloor() : maxSize;
    slots.setLimits(maxSize, retain);
  }

  private void trimInSteps(int count) {
    if (count <= 0) {
      return;
    }
    int done = slots.trimIdle(Math.min(count, TRIM_STEP));
    int rest = count - done;
    if (rest > 0 && done == TRIM_STEP) {
      Maintenance.soon(() -> continueTrim(rest));
    }
  }

  private void continueTrim(int count) {
    int left = count;
    while (left > 0 && !slots.isClosed()) {
      int done = slots.trimIdle(Math.min(left, TRIM_STEP));
      if (done == 0) {
        return;
      }
      left -= done;
    }
  }

  private int idleCount() {
    return (int) slots.scan()[1];
  }

  /**
   * Takes a snapshot of the counters; cheap (one pass over at most {@link PoolConfig#resizeLimit()}
   * slots) and safe to call from any thread at any time.
   *
   * @return the snapshot
   */
  public PoolStats stats() {
    long[] scan = slots.scan();
    long extras = extrasAllocated.sum();
    long extrasInUse = Math.max(0, extras - extrasReleased.sum());
    long borrows = scan[0] + extras;
    long misses = Math.min(borrows, slots.createdForBorrow.sum() + extras);
    return new PoolStats(
        name(),
        slots.maxSize(),
        slots.created.sum(),
        slots.destroyed.sum() - extrasReleased.sum(),
        borrows,
        borrows - misses,
        misses,
        scan[2] + extrasInUse,
        scan[1],
        extras,
        extrasInUse,
        exhausted.sum(),
        leaks == null ? 0 : leaks.reported.sum(),
        leaks == null ? 0 : leaks.reclaimed.sum(),
        slots.validationFailures.sum(),
        slots.createFailures.sum(),
        slots.resetFailures.sum(),
        slots.destroyFailures.sum(),
        slots.waitNanos.sum(),
        slots.waitMaxNanos.get(),
        pressure);
  }

  /**
   * Returns the configuration the pool was built with ({@link #resize(int)} does not change it).
   *
   * @return the configuration
   */
  public PoolConfig config() {
    return config;
  }

  /**
   * Returns the pool's name.
   *
   * @return the name from the configuration
   */
  public String name() {
    return config.name();
  }

  /**
   * Returns whether {@link #close()} was called.
   *
   * @return whether the pool is closed
   */
  public boolean isClosed() {
    return slots.isClosed();
  }

  /**
   * Closes the pool: borrowing then throws {@link IllegalStateException}, idle objects are
   * destroyed now, and objects still lent out are destroyed when released. Waiting borrowers wake
   * and throw. Idempotent.
   */
  @Override
  public void close() {
    if (slots.isClosed()) {
      return;
    }
    slots.close();
    if (leaks != null) {
      leaks.close();
    }
    if (jmx != null) {
      jmx.close();
    }
    // A release that read "open" just before close() may have queued its object after the first
    // sweep; its store is visible well within this pause. Sweep once more.
    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    slots.sweepAfterClose();
    LOG.log(Level.DEBUG, () -> "pool " + name() + " closed: " + stats());
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "ObjectPool[" + name() + ", max-size " + slots.maxSize() + "]";
  }
}
