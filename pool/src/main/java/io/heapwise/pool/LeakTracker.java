package io.heapwise.pool;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Leak detection for one pool, present only when it is configured on: the pool's hot path then
 * tests a null field and nothing else.
 *
 * <p>Two detectors: a periodic scan on the {@link Maintenance} thread reports borrows held longer
 * than the threshold, once per borrow; a {@link Cleaner} finds handles that became unreachable
 * unreleased, reports them and retires their objects so the capacity comes back.
 */
final class LeakTracker<T> {

  private static final System.Logger LOG = System.getLogger(ObjectPool.class.getName());
  private static final Cleaner CLEANER = Cleaner.create();

  /**
   * The shortest time between two scans, whatever the threshold: a thread that wakes every few
   * milliseconds slows every other thread on a small machine (the cache's clock showed it, see
   * docs/benchmarks.md), and a leak reported a tenth of a second late is reported all the same.
   */
  static final long MIN_SCAN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final SlotPool<T> slots;
  private final LeakListener listener;
  private final long thresholdNanos;
  private final double captureRate;
  private final ScheduledFuture<?> scan;

  final LongAdder reported = new LongAdder();
  final LongAdder reclaimed = new LongAdder();

  LeakTracker(SlotPool<T> slots, PoolConfig config, LeakListener listener) {
    this.slots = slots;
    this.listener = listener;
    this.thresholdNanos = config.leakThreshold().toNanos();
    this.captureRate = config.leakCaptureRate();
    if (thresholdNanos > 0) {
      this.scan = Maintenance.every(scanPeriodNanos(thresholdNanos), this::scan);
    } else {
      this.scan = null;
    }
  }

  /**
   * A quarter of the threshold, so that a borrow is reported at most a quarter late, but never less
   * than {@link #MIN_SCAN_PERIOD_NANOS}.
   */
  static long scanPeriodNanos(long thresholdNanos) {
    return Math.max(MIN_SCAN_PERIOD_NANOS, thresholdNanos / 4);
  }

  Pooled<T> track(Slot<T> slot) {
    slot.leakReported = false;
    slot.borrower = Thread.currentThread().getName();
    slot.borrowSite = capture() ? new BorrowSite(slot.pool.name) : null;
    slot.markBorrowed(System.nanoTime());
    return new TrackedHandle<>(slot, this, CLEANER);
  }

  private boolean capture() {
    return captureRate >= 1.0
        || (captureRate > 0.0 && ThreadLocalRandom.current().nextDouble() < captureRate);
  }

  /**
   * Called before a tracked slot is released, so a scan never pairs its stamp with a new borrow.
   */
  static void untrack(Slot<?> slot) {
    slot.markBorrowed(0);
    slot.borrowSite = null;
  }

  void scan() {
    long now = System.nanoTime();
    slots.forEachSlot(
        slot -> {
          long at = slot.borrowedAt();
          if (at != 0 && !slot.leakReported && now - at > thresholdNanos && slot.isBorrowed()) {
            slot.leakReported = true;
            report(LeakReport.Kind.HELD_TOO_LONG, slot, now - at);
          }
        });
  }

  /** The cleaner found a handle that was never released. */
  void reclaimLost(Slot<T> slot) {
    long at = slot.borrowedAt();
    LeakReport report =
        describe(LeakReport.Kind.UNREACHABLE, slot, at == 0 ? 0 : System.nanoTime() - at);
    untrack(slot);
    int state = slot.state();
    if (state >= Slot.BORROWED) {
      try {
        slots.retire(slot, state);
        reclaimed.increment();
      } catch (IllegalStateException e) {
        LOG.log(Level.DEBUG, () -> "pool " + slots.name + ": lost slot already retired", e);
      }
    }
    // Told after the capacity is back, so a listener that sees the report can borrow again.
    publish(report);
  }

  private void report(LeakReport.Kind kind, Slot<T> slot, long heldNanos) {
    publish(describe(kind, slot, heldNanos));
  }

  /**
   * Reads the slot's borrower and borrow site while they still belong to the leaked borrow: once
   * the slot is untracked or released they are cleared.
   */
  private LeakReport describe(LeakReport.Kind kind, Slot<T> slot, long heldNanos) {
    return new LeakReport(
        slots.name, kind, Duration.ofNanos(heldNanos), slot.borrower, slot.borrowSite);
  }

  private void publish(LeakReport report) {
    long heldNanos = report.heldFor().toNanos();
    LOG.log(Level.WARNING, report.describe(), report.borrowSite());
    recordEvent(report, heldNanos);
    reported.increment();
    if (listener == null) {
      return;
    }
    try {
      listener.onLeak(report);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, () -> "pool " + slots.name + ": leak listener threw", e);
    }
  }

  private static void recordEvent(LeakReport report, long heldNanos) {
    PoolLeakEvent event = new PoolLeakEvent();
    if (!event.isEnabled()) {
      return;
    }
    event.pool = report.pool();
    event.kind = report.kind().name();
    event.held = heldNanos;
    event.borrower = report.borrower();
    event.borrowSite = report.borrowSite() == null ? null : stackText(report.borrowSite());
    event.commit();
  }

  private static String stackText(Throwable site) {
    StringWriter text = new StringWriter();
    site.printStackTrace(new PrintWriter(text));
    return text.toString();
  }

  void close() {
    if (scan != null) {
      scan.cancel(false);
    }
  }

  /** The stack trace of a borrow, captured when leak detection samples it. */
  static final class BorrowSite extends Throwable {
    private static final long serialVersionUID = 1L;

    BorrowSite(String pool) {
      super("borrowed from pool " + pool + " here");
    }
  }
}
