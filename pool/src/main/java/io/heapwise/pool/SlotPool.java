package io.heapwise.pool;

import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jctools.queues.MpmcArrayQueue;

/**
 * The concurrent heart of {@link ObjectPool}: slots, their state machine, the idle queue, capacity
 * and waiting. Everything lock-free lives here; the public class only adds policy.
 *
 * <h2>Structure</h2>
 *
 * <ul>
 *   <li>{@code slots}: every slot ever made, at most {@code resizeLimit}; read only by stats and
 *       the leak scanner.
 *   <li>{@code idle}: a bounded JCTools {@link MpmcArrayQueue} (array-backed, no node per offer) of
 *       slots in states IDLE, BORROWED_LOCAL or DEAD. Its capacity is the slot limit and a slot is
 *       in it at most once, so an offer never fails.
 *   <li>{@code empty}: the same kind of queue for EMPTY slots, reused before a new slot is made.
 *   <li>{@code local}: each thread's last slot (Stormpot's "thread-local reference").
 * </ul>
 *
 * <h2>State machine (see {@link Slot})</h2>
 *
 * <pre>
 *   EMPTY --create--> BORROWED --release: CAS, offer--> IDLE (queued)
 *   IDLE (queued) --fast path: CAS--> BORROWED_LOCAL --release: release store--> IDLE (still queued)
 *   IDLE (queued) --poll + CAS--> BORROWED (dequeued)
 *   BORROWED --retire--> EMPTY (into the empty pile)
 *   BORROWED_LOCAL --retire--> DEAD (still queued) --poll--> EMPTY (into the empty pile)
 * </pre>
 *
 * Only the poller of a queued slot moves it out of IDLE into BORROWED or out of DEAD, and only the
 * holder of a borrowed slot moves it out of BORROWED*. So the one contended transition is
 * IDLE&rarr;BORROWED(_LOCAL), always a CAS, and a slot's queue membership is decided by its state
 * alone: a poller that finds BORROWED_LOCAL puts the slot back, since its holder will not.
 *
 * <h2>Costs</h2>
 *
 * A same-thread borrow+release is one ThreadLocal read, one volatile read, one CAS, one opaque
 * counter store and one release store, and allocates nothing. A release from another thread costs
 * the same. The idle queue is touched only when the fast path misses.
 *
 * <h2>Memory ordering</h2>
 *
 * Each borrow begins with a successful CAS (acquire) on the state that the previous release wrote
 * with a release store (or a CAS, or a queue offer, which JCTools performs as an ordered store
 * after the element is written), so the previous holder's writes and the reset happen-before the
 * next borrower's reads. The capacity count {@code live} is changed only by CAS and getAndAdd.
 */
final class SlotPool<T> {

  private static final System.Logger LOG = System.getLogger(ObjectPool.class.getName());

  /** Waiters re-check at least this often, covering a wake-up lost to a non-fenced release. */
  private static final long MAX_WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private static final VarHandle LIVE;
  private static final VarHandle SLOT_COUNT;
  private static final VarHandle WAITERS;
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Slot[].class);

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      LIVE = lookup.findVarHandle(SlotPool.class, "live", int.class);
      SLOT_COUNT = lookup.findVarHandle(SlotPool.class, "slotCount", int.class);
      WAITERS = lookup.findVarHandle(SlotPool.class, "waiters", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final String name;
  private final PoolFactory<T> factory;
  private final boolean resetHook;
  private final boolean validateHook;
  private final boolean destroyHook;

  /**
   * Whether a release must fence before it looks for waiters. Only BLOCK pools pay for it; a timed
   * borrow in another pool may then miss a wake-up in a narrow race and finds the object on its
   * next re-check, at most {@link #MAX_WAIT_SLICE_NANOS} later.
   */
  private final boolean fenceForWaiters;

  private final Slot<?>[] slots;
  private final MpmcArrayQueue<Slot<T>> idle;
  private final MpmcArrayQueue<Slot<T>> empty;

  /**
   * Each thread's last slot in this pool. Per instance by design: a thread remembers one slot per
   * pool. The entry dies with the thread, or is expunged after the pool is collected.
   */
  @SuppressWarnings("ThreadLocalUsage")
  private final ThreadLocal<Slot<T>> local = new ThreadLocal<>();

  private final ReentrantLock waitLock = new ReentrantLock(true);
  private final Condition available = waitLock.newCondition();

  @SuppressWarnings("UnusedVariable") // accessed through SLOT_COUNT
  private volatile int slotCount;

  @SuppressWarnings("UnusedVariable") // accessed through LIVE
  private volatile int live;

  @SuppressWarnings("UnusedVariable") // accessed through WAITERS
  private volatile int waiters;

  private volatile int maxSize;

  /** Objects kept on release: maxSize, or less under memory pressure. */
  private volatile int retain;

  private volatile boolean closed;

  // Slow-path counters: never touched by a fast-path borrow or release.
  final LongAdder created = new LongAdder();
  final LongAdder destroyed = new LongAdder();
  final LongAdder createdForBorrow = new LongAdder();
  final LongAdder validationFailures = new LongAdder();
  final LongAdder createFailures = new LongAdder();
  final LongAdder resetFailures = new LongAdder();
  final LongAdder destroyFailures = new LongAdder();
  final LongAdder waitNanos = new LongAdder();
  final LongAccumulator waitMaxNanos = new LongAccumulator(Math::max, 0);

  SlotPool(
      String name, PoolFactory<T> factory, int maxSize, int slotLimit, boolean fenceForWaiters) {
    this.name = name;
    this.factory = factory;
    Hooks hooks = Hooks.of(factory);
    this.resetHook = hooks.reset;
    this.validateHook = hooks.validate;
    this.destroyHook = hooks.destroy;
    this.fenceForWaiters = fenceForWaiters;
    this.slots = new Slot<?>[slotLimit];
    int queueCapacity = Math.max(2, slotLimit);
    this.idle = new MpmcArrayQueue<>(queueCapacity);
    this.empty = new MpmcArrayQueue<>(queueCapacity);
    this.maxSize = maxSize;
    this.retain = maxSize;
  }

  // ---------------------------------------------------------------- borrowing

  /** The fast path: the calling thread's last slot, if it is idle. */
  Slot<T> claimLocal() {
    Slot<T> slot = local.get();
    // Read before the CAS: a failing lock cmpxchg costs as much as a successful one and would pull
    // the line exclusive from the thread that holds the slot.
    if (slot != null
        && slot.state() == Slot.IDLE
        && slot.casState(Slot.IDLE, Slot.BORROWED_LOCAL)) {
      return slot;
    }
    return null;
  }

  /**
   * Polls the idle queue for a claimable slot. Bounded: each slot in the queue is looked at about
   * once, so a queue full of slots lent through fast paths ends the search instead of spinning.
   */
  Slot<T> claimShared() {
    int budget = idle.size() + 1;
    for (int i = 0; i < budget; i++) {
      Slot<T> slot = idle.poll();
      if (slot == null) {
        return null;
      }
      if (claimPolled(slot)) {
        local.set(slot);
        return slot;
      }
    }
    return null;
  }

  /** Claims a slot just polled from the idle queue, or settles where it belongs. */
  private boolean claimPolled(Slot<T> slot) {
    for (; ; ) {
      int state = slot.state();
      if (state == Slot.IDLE) {
        if (slot.casState(Slot.IDLE, Slot.BORROWED)) {
          return true;
        }
      } else if (state == Slot.DEAD) {
        // Only the poller leaves DEAD, so a volatile store suffices.
        slot.setState(Slot.EMPTY);
        offerEmpty(slot);
        return false;
      } else if (state == Slot.BORROWED_LOCAL) {
        // Its holder will release it with a store only; it must stay queued.
        offerIdle(slot);
        return false;
      } else {
        throw new IllegalStateException(
            "pool " + name + ": slot in state " + Slot.stateName(state) + " found in idle queue");
      }
    }
  }

  /** Whether a claimed slot's object passes validation; a failure retires it. */
  boolean validated(Slot<T> slot) {
    if (!validateHook) {
      return true;
    }
    boolean valid;
    Throwable failure = null;
    try {
      valid = factory.validate(slot.object);
    } catch (RuntimeException e) {
      valid = false;
      failure = e;
    }
    if (!valid) {
      validationFailures.increment();
      if (failure != null) {
        LOG.log(Level.DEBUG, () -> "pool " + name + ": validate threw; object destroyed", failure);
      }
      retire(slot, slot.state());
    }
    return valid;
  }

  /**
   * Creates an object in a free slot if the pool is below its maximum; returns null at the maximum.
   * The slot comes back BORROWED.
   *
   * @throws PoolException if the factory throws; the capacity and the slot are given back first
   */
  Slot<T> createSlot(boolean forBorrow) {
    if (!reserve()) {
      return null;
    }
    Slot<T> slot = emptySlot();
    if (slot == null) {
      // Every slot is in transit (destroyed, still queued); treat like a full pool for now.
      LIVE.getAndAdd(this, -1);
      return null;
    }
    boolean made = false;
    try {
      T object = factory.create();
      if (object == null) {
        throw new NullPointerException("create() returned null");
      }
      slot.object = object;
      slot.invalid = false;
      made = true;
    } catch (RuntimeException e) {
      createFailures.increment();
      throw new PoolException("pool " + name + ": the factory's create() failed: " + e, e);
    } finally {
      if (!made) {
        LIVE.getAndAdd(this, -1);
        offerEmpty(slot);
        signalWaiter();
      }
    }
    created.increment();
    if (forBorrow) {
      createdForBorrow.increment();
    }
    slot.setState(Slot.BORROWED);
    return slot;
  }

  /** Creates an idle object (prefill); false at the maximum. */
  boolean addIdle() {
    Slot<T> slot = createSlot(false);
    if (slot == null) {
      return false;
    }
    slot.setState(Slot.IDLE);
    offerIdle(slot);
    return true;
  }

  private boolean reserve() {
    for (; ; ) {
      int current = live;
      if (current >= maxSize) {
        return false;
      }
      if (LIVE.compareAndSet(this, current, current + 1)) {
        return true;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private Slot<T> emptySlot() {
    Slot<T> slot = empty.poll();
    if (slot != null) {
      return slot;
    }
    for (; ; ) {
      int count = slotCount;
      if (count >= slots.length) {
        return sweepDead();
      }
      if (SLOT_COUNT.compareAndSet(this, count, count + 1)) {
        slot = new Slot<>(this);
        // Release store: stats readers that see the count see a constructed slot.
        SLOTS.setRelease(slots, count, slot);
        return slot;
      }
    }
  }

  /** Finds a DEAD slot in the idle queue when no slot is free; bounded by the queue's size. */
  private Slot<T> sweepDead() {
    int budget = idle.size();
    for (int i = 0; i < budget; i++) {
      Slot<T> slot = idle.poll();
      if (slot == null) {
        break;
      }
      if (slot.state() == Slot.DEAD) {
        slot.setState(Slot.EMPTY);
        return slot;
      }
      offerIdle(slot);
    }
    return empty.poll();
  }

  // ---------------------------------------------------------------- releasing

  void release(Slot<T> slot) {
    int state = slot.state();
    if (state < Slot.BORROWED) {
      throw notBorrowed(slot, "release");
    }
    if (slot.invalid || closed || live > retain) {
      retire(slot, state);
      return;
    }
    if (resetHook && !reset(slot)) {
      retire(slot, state);
      return;
    }
    if (state == Slot.BORROWED_LOCAL) {
      // Still queued: publishing IDLE is the whole release.
      slot.releaseState(Slot.IDLE);
    } else {
      // A CAS, not a store: two racing releases of one handle must not queue the slot twice.
      if (!slot.casState(Slot.BORROWED, Slot.IDLE)) {
        throw notBorrowed(slot, "release");
      }
      offerIdle(slot);
    }
    signalWaiter();
  }

  private boolean reset(Slot<T> slot) {
    try {
      factory.reset(slot.object);
      return true;
    } catch (RuntimeException e) {
      resetFailures.increment();
      LOG.log(Level.WARNING, () -> "pool " + name + ": reset threw; object destroyed", e);
      return false;
    }
  }

  /**
   * Destroys a borrowed slot's object and gives its capacity back.
   *
   * @param state the borrowed state the caller saw
   */
  void retire(Slot<T> slot, int state) {
    T object = slot.object;
    // Clear before the transition: once DEAD or EMPTY is visible, another thread may refill it.
    slot.object = null;
    slot.invalid = false;
    boolean moved =
        state == Slot.BORROWED_LOCAL
            ? slot.casState(Slot.BORROWED_LOCAL, Slot.DEAD)
            : slot.casState(Slot.BORROWED, Slot.EMPTY);
    if (!moved) {
      slot.object = object;
      throw notBorrowed(slot, "release");
    }
    LIVE.getAndAdd(this, -1);
    destroy(object);
    if (state == Slot.BORROWED) {
      offerEmpty(slot);
    }
    signalWaiter();
  }

  void destroy(T object) {
    destroyed.increment();
    if (!destroyHook) {
      return;
    }
    try {
      factory.destroy(object);
    } catch (RuntimeException e) {
      destroyFailures.increment();
      LOG.log(Level.WARNING, () -> "pool " + name + ": destroy threw", e);
    }
  }

  IllegalStateException notBorrowed(Slot<T> slot, String operation) {
    return new IllegalStateException(
        "pool "
            + name
            + ": "
            + operation
            + " of an object that is not borrowed (slot is "
            + Slot.stateName(slot.state())
            + "): released twice, used after release, or reclaimed after a leak");
  }

  private void offerIdle(Slot<T> slot) {
    if (!idle.offer(slot)) {
      throw new IllegalStateException("pool " + name + ": idle queue overflow (a slot was lost)");
    }
  }

  private void offerEmpty(Slot<T> slot) {
    if (!empty.offer(slot)) {
      throw new IllegalStateException("pool " + name + ": empty pile overflow (a slot was lost)");
    }
  }

  // ---------------------------------------------------------------- waiting

  private void signalWaiter() {
    if (fenceForWaiters) {
      // StoreLoad: the slot's new state must be visible before we read the waiter count, or a
      // waiter that registered meanwhile could miss both the slot and the signal (Dekker).
      VarHandle.fullFence();
    }
    if (waiters != 0) {
      waitLock.lock();
      try {
        available.signal();
      } finally {
        waitLock.unlock();
      }
    }
  }

  void signalAllWaiters() {
    waitLock.lock();
    try {
      available.signalAll();
    } finally {
      waitLock.unlock();
    }
  }

  /**
   * Waits, first come first served, for a slot to claim or capacity to create one.
   *
   * @return a claimed slot, or null when the timeout passed
   */
  Slot<T> await(long timeoutNanos) {
    long start = System.nanoTime();
    waitLock.lock();
    try {
      WAITERS.getAndAdd(this, 1);
      try {
        return awaitLocked(start, timeoutNanos);
      } finally {
        WAITERS.getAndAdd(this, -1);
        long waited = System.nanoTime() - start;
        waitNanos.add(waited);
        waitMaxNanos.accumulate(waited);
      }
    } finally {
      waitLock.unlock();
    }
  }

  private Slot<T> awaitLocked(long start, long timeoutNanos) {
    for (; ; ) {
      checkOpen();
      Slot<T> slot = claimShared();
      if (slot == null) {
        slot = createSlot(true);
      }
      if (slot != null) {
        return slot;
      }
      long remaining = timeoutNanos - (System.nanoTime() - start);
      if (remaining <= 0) {
        return null;
      }
      try {
        available.awaitNanos(Math.min(remaining, MAX_WAIT_SLICE_NANOS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PoolException("pool " + name + ": interrupted while waiting for an object", e);
      }
    }
  }

  // ---------------------------------------------------------------- sizing, trimming, closing

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("pool " + name + " is closed");
    }
  }

  boolean isClosed() {
    return closed;
  }

  int maxSize() {
    return maxSize;
  }

  void setLimits(int maxSize, int retain) {
    this.maxSize = maxSize;
    this.retain = Math.min(maxSize, retain);
    signalAllWaiters();
  }

  int live() {
    return live;
  }

  /**
   * Destroys up to {@code count} idle objects, polling the idle queue about once around.
   *
   * @return how many were destroyed
   */
  int trimIdle(int count) {
    int trimmed = 0;
    int budget = idle.size();
    for (int i = 0; i < budget && trimmed < count; i++) {
      Slot<T> slot = idle.poll();
      if (slot == null) {
        break;
      }
      if (claimPolled(slot)) {
        retire(slot, Slot.BORROWED);
        trimmed++;
      }
    }
    return trimmed;
  }

  /** Marks the pool closed and destroys every idle object; borrowed ones die on release. */
  void close() {
    closed = true;
    signalAllWaiters();
    trimIdle(Integer.MAX_VALUE);
  }

  /** Finishes a close: objects whose release raced with {@link #close()} are destroyed now. */
  void sweepAfterClose() {
    trimIdle(Integer.MAX_VALUE);
  }

  // ---------------------------------------------------------------- observation

  /** Visits every slot made so far; for stats and the leak scanner. */
  @SuppressWarnings("unchecked")
  void forEachSlot(java.util.function.Consumer<Slot<T>> action) {
    int count = slotCount;
    for (int i = 0; i < count; i++) {
      Slot<T> slot = (Slot<T>) SLOTS.getAcquire(slots, i);
      if (slot != null) {
        action.accept(slot);
      }
    }
  }

  /** Returns {borrows, idle, inUse} over all slots. */
  long[] scan() {
    long[] totals = new long[3];
    forEachSlot(
        slot -> {
          totals[0] += slot.borrowCount();
          int state = slot.state();
          if (state == Slot.IDLE) {
            totals[1]++;
          } else if (state >= Slot.BORROWED) {
            totals[2]++;
          }
        });
    return totals;
  }
}
