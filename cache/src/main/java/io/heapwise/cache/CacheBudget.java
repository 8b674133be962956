package io.heapwise.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Policy;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.heapwise.core.MemoryPressure;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The budget in force of a {@link MemoryAwareCache}, and how memory pressure moves it. A pressure
 * signal lowers Caffeine's maximum weight in bounded steps on the signalling thread, and the
 * evictions that causes are told apart as PRESSURE: the cache's eviction callbacks ask {@link
 * #isShrinkingThread}. Once {@code recovery-samples} NORMAL signals have come in a row, each
 * further one raises it by {@code recovery-step} of the configured budget; while the level stays
 * NORMAL and the budget short, a recovery timer (every {@code recovery-interval}) stands in for
 * signals that sources reporting only changes never send. Every change is made under one lock; the
 * budget in force is volatile, so readers need no lock.
 */
final class CacheBudget {

  /** A shrink is done in at least this many setMaximum calls, each evicting a bounded share. */
  private static final int SHRINK_STEPS = 10;

  private final CacheConfig config;
  private final long ceiling;
  private final Cache<?, ?> cache;
  private final Policy.Eviction<?, ?> eviction;
  private final LongSupplier pressureEvictions;
  private final LongSupplier pressureEvictedBytes;

  // Written under lock, read by any thread: volatile so that current() sees the figure in force
  // without taking the lock.
  private volatile long currentBudget;

  // The thread lowering Caffeine's maximum for pressure, or null. setMaximum and cleanUp evict on
  // the calling thread under Caffeine's eviction lock, so an eviction reported on this thread is
  // caused by the lowered budget (PRESSURE); one reported meanwhile on a maintenance thread comes
  // from ordinary writes (SIZE). A flag alone would mislabel the latter. Volatile: the eviction
  // callback reads it on any thread.
  private volatile Thread shrinkingThread;

  private final Object lock = new Object();
  private MemoryPressure level = MemoryPressure.NORMAL; // guarded by lock
  private int normalSignals; // guarded by lock
  private Future<?> recoveryTick; // guarded by lock

  /**
   * @param ceiling the configured budget (max-bytes, capped at heap-cap), Caffeine's maximum now
   * @param pressureEvictions the PRESSURE evictions counted so far, for the JFR event
   * @param pressureEvictedBytes their bytes
   */
  CacheBudget(
      CacheConfig config,
      long ceiling,
      Cache<?, ?> cache,
      LongSupplier pressureEvictions,
      LongSupplier pressureEvictedBytes) {
    this.config = config;
    this.ceiling = ceiling;
    this.cache = cache;
    this.eviction = cache.policy().eviction().orElseThrow();
    this.pressureEvictions = pressureEvictions;
    this.pressureEvictedBytes = pressureEvictedBytes;
    this.currentBudget = ceiling;
  }

  /** The budget in force now. */
  long current() {
    return currentBudget;
  }

  /** The configured budget, the most the budget in force can be. */
  long configured() {
    return ceiling;
  }

  /** Whether an eviction reported on this thread comes from a pressure shrink. */
  boolean isShrinkingThread() {
    return shrinkingThread == Thread.currentThread();
  }

  /** See {@link MemoryAwareCache#onPressureChange}. */
  void onPressureChange(MemoryPressure previous, MemoryPressure current) {
    if (current == MemoryPressure.NORMAL || current.isAbove(previous)) {
      onPressureSample(current);
    } else {
      synchronized (lock) {
        level = current;
        stopRecovery();
      }
    }
  }

  /** See {@link MemoryAwareCache#onPressureSample}; {@code pressure} is not null. */
  void onPressureSample(MemoryPressure pressure) {
    synchronized (lock) {
      level = pressure;
      switch (pressure) {
        case NORMAL -> normalSignal();
        case ELEVATED -> shrink(pressure, config.pressureShrink());
        case CRITICAL -> shrink(pressure, config.criticalShrink());
      }
    }
  }

  /** See {@link MemoryAwareCache#setBudget}. */
  void set(long bytes) {
    if (bytes < 0 || bytes > ceiling) {
      throw new IllegalArgumentException(
          "cache '"
              + config.name()
              + "': budget must be between 0 and the configured budget ("
              + ceiling
              + " bytes: max-bytes, capped at heap-cap), was "
              + bytes);
    }
    synchronized (lock) {
      if (bytes >= currentBudget) {
        currentBudget = bytes;
        eviction.setMaximum(bytes); // raising: O(1)
      } else {
        lowerTo(bytes, settledHeldBytes(), false);
      }
    }
  }

  /** Stops the recovery timer, for good unless NORMAL signals come again. */
  void close() {
    synchronized (lock) {
      stopRecovery();
    }
  }

  private void shrink(MemoryPressure pressure, double share) {
    stopRecovery();
    long from = settledHeldBytes();
    // Shrink from what the cache holds when that is below the budget: a budget larger than the
    // heap can hold must still give memory back.
    long target = Math.min(currentBudget, Math.max(config.minBytes(), (long) (from * (1 - share))));
    CachePressureEvictionEvent event = new CachePressureEvictionEvent();
    event.begin();
    long budgetBefore = currentBudget;
    long entriesBefore = pressureEvictions.getAsLong();
    long bytesBefore = pressureEvictedBytes.getAsLong();
    lowerTo(target, from, true);
    event.end();
    // Filled in only when a recording wants the event: nothing is computed otherwise.
    if (event.shouldCommit()) {
      event.cacheName = config.name();
      event.pressureLevel = pressure.name();
      event.entriesEvicted = pressureEvictions.getAsLong() - entriesBefore;
      event.bytesEvicted = pressureEvictedBytes.getAsLong() - bytesBefore;
      event.budgetBefore = budgetBefore;
      event.budgetAfter = currentBudget;
      event.commit();
    }
  }

  /**
   * What the cache holds, within the budget in force, once pending writes are applied: writes still
   * in Caffeine's buffers are not in the weighted size yet, and what they push over the budget is
   * evicted here, before a shrink window opens, as SIZE.
   */
  private long settledHeldBytes() {
    cache.cleanUp();
    return Math.min(currentBudget, eviction.weightedSize().orElse(0));
  }

  /**
   * Lowers the budget from {@code from} ({@link #settledHeldBytes}) to {@code target} in bounded
   * steps; called with {@link #lock} held.
   */
  private void lowerTo(long target, long from, boolean pressure) {
    long step = Math.max(1, from / SHRINK_STEPS);
    long next = from;
    shrinkingThread = pressure ? Thread.currentThread() : null;
    try {
      // Each setMaximum evicts synchronously on this thread under Caffeine's eviction lock; a
      // bounded step keeps callers that need the lock (a full write buffer) from waiting long.
      while (next > target) {
        next = Math.max(target, next - step);
        currentBudget = next;
        eviction.setMaximum(next);
      }
      currentBudget = target;
      eviction.setMaximum(target);
      // setMaximum leaves what it could not finish to the maintenance thread; finishing it here
      // keeps those evictions in the window, counted as PRESSURE.
      cache.cleanUp();
    } finally {
      shrinkingThread = null;
    }
  }

  private void normalSignal() {
    if (currentBudget >= ceiling) {
      normalSignals = 0;
      return;
    }
    normalSignals++;
    if (normalSignals >= config.recoverySamples()) {
      long step = Math.max(1, (long) (ceiling * config.recoveryStep()));
      long next = Math.min(ceiling, currentBudget + step);
      currentBudget = next;
      eviction.setMaximum(next); // raising only moves the bound: O(1), nothing is evicted
    }
    if (currentBudget < ceiling && recoveryTick == null && !config.recoveryInterval().isZero()) {
      recoveryTick =
          Scheduler.systemScheduler()
              .schedule(
                  Runnable::run,
                  this::onRecoveryTick,
                  config.recoveryInterval().toNanos(),
                  TimeUnit.NANOSECONDS);
    }
  }

  private void onRecoveryTick() {
    synchronized (lock) {
      recoveryTick = null;
      if (level == MemoryPressure.NORMAL) {
        normalSignal();
      }
    }
  }

  /** Stops the recovery timer; called with {@link #lock} held. */
  private void stopRecovery() {
    normalSignals = 0;
    if (recoveryTick != null) {
      recoveryTick.cancel(false);
      recoveryTick = null;
    }
  }
}
