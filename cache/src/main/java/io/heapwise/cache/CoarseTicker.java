package io.heapwise.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Caffeine's expiry clock, read with a volatile load instead of {@link System#nanoTime()}.
 *
 * <p>With expiry on, Caffeine reads its ticker on every hit to check that the entry has not
 * expired; {@code System.nanoTime()} costs about 25 ns here, as much as the rest of the hit. This
 * ticker returns a time that one daemon thread per resolution refreshes every {@link
 * #resolutionNanos()}, so expiry is late or early by about that much, longer when the machine is so
 * busy that the thread waits for a core.
 *
 * <p>The resolution follows the shortest expiry of the cache that reads the clock ({@link
 * #forShortestExpiry}): a thousandth of it, rounded down to 10 ms or 100 ms, or 1 ms for expiries
 * under 10 s (finer is never needed, coarser never chosen). A finer clock than that buys nothing
 * and costs the other threads: a thread woken a thousand times a second, even one doing nothing,
 * took a fifth of a cache's read throughput on this project's 2-core VM; on the 100 ms clock, a
 * cache without stats read as fast as raw Caffeine (docs/benchmarks.md).
 *
 * <p>A thread stops after {@link #IDLE_NANOS} in which nobody read its clock, so an idle
 * application does not keep waking up; the next read reads {@code nanoTime()} itself and starts the
 * thread again.
 */
final class CoarseTicker implements Ticker {

  // Compile-time constants, so that the clocks below see them whatever the declaration order.
  static final long FINEST_NANOS = 1_000_000L; // 1 ms
  static final long COARSEST_NANOS = 100_000_000L; // 100 ms

  /** How long a clock keeps ticking without reads: 1 s. */
  static final long IDLE_NANOS = 1_000_000_000L;

  // One clock per resolution, each thread started by the first read: at most three threads,
  // however many caches.
  private static final CoarseTicker FINE = new CoarseTicker(FINEST_NANOS);
  private static final CoarseTicker MEDIUM = new CoarseTicker(10 * FINEST_NANOS);
  private static final CoarseTicker COARSE = new CoarseTicker(COARSEST_NANOS);

  private final long resolutionNanos;
  private final int idleTicks;

  // Written by the ticking thread (and by a reader that restarts it), read by every reader.
  private volatile long now = System.nanoTime();

  // Whether a thread is refreshing `now`; only the thread that flips it to true starts one.
  private volatile boolean ticking;

  // Set by readers, cleared by the ticking thread each tick: tells it whether anyone still reads.
  // Checked before written, so readers write it at most once per tick and do not bounce its cache
  // line between cores on every read.
  private volatile boolean read;

  private CoarseTicker(long resolutionNanos) {
    this.resolutionNanos = resolutionNanos;
    this.idleTicks = (int) (IDLE_NANOS / resolutionNanos);
  }

  /**
   * The clock for a cache whose shortest expiry (the smaller of ttl and, when set, idle-ttl) is
   * {@code shortest}: late or early by at most a thousandth of it, but never by less than 1 ms
   * (expiries under 10 s) nor by more than 100 ms.
   */
  static CoarseTicker forShortestExpiry(Duration shortest) {
    // Saturates where Duration.toNanos() would throw: a ttl set in code has no upper bound.
    long tolerable = TimeUnit.NANOSECONDS.convert(shortest) / 1_000;
    if (tolerable >= COARSE.resolutionNanos) {
      return COARSE;
    }
    return tolerable >= MEDIUM.resolutionNanos ? MEDIUM : FINE;
  }

  /** How often the clock moves, and so how far it may lag {@code nanoTime()} while it ticks. */
  long resolutionNanos() {
    return resolutionNanos;
  }

  @Override
  public long read() {
    if (!ticking) {
      return restart();
    }
    if (!read) {
      read = true;
    }
    return now;
  }

  private long restart() {
    long fresh = System.nanoTime();
    synchronized (this) {
      if (!ticking) {
        now = fresh;
        ticking = true;
        Thread thread =
            new Thread(
                this::tick,
                "heapwise-cache-clock-" + TimeUnit.NANOSECONDS.toMillis(resolutionNanos) + "ms");
        thread.setDaemon(true);
        // Started by whichever thread reads first: it must not keep that thread's (say, a web
        // application's) class loader reachable.
        thread.setContextClassLoader(null);
        thread.start();
      }
    }
    return fresh;
  }

  private void tick() {
    int idle = 0;
    while (true) {
      LockSupport.parkNanos(resolutionNanos);
      now = System.nanoTime();
      if (read) {
        read = false;
        idle = 0;
      } else if (++idle >= idleTicks) {
        synchronized (this) {
          // A reader that saw `ticking` a moment ago gets a time at most one tick old; the next
          // one restarts.
          ticking = false;
        }
        return;
      }
    }
  }

  /** Whether the refreshing thread runs; for tests. */
  boolean isTicking() {
    return ticking;
  }
}
