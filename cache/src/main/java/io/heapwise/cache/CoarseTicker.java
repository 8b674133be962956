package io.heapwise.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Caffeine's expiry clock, read with a volatile load instead of {@link System#nanoTime()}.
 *
 * <p>With expiry on, Caffeine reads its ticker on every hit to check that the entry has not
 * expired; {@code System.nanoTime()} costs about 25 ns here, as much as the rest of the hit. This
 * ticker returns a time that one daemon thread per JVM refreshes every {@link #RESOLUTION_NANOS},
 * so expiry is late or early by about that much, longer when the machine is so busy that the thread
 * waits for a core: nothing for a TTL of minutes or hours.
 *
 * <p>The thread stops after {@link #IDLE_TICKS} ticks in which nobody read the clock, so an idle
 * application does not wake up a thousand times a second; the next read reads {@code nanoTime()}
 * itself and starts the thread again.
 */
final class CoarseTicker implements Ticker {

  static final CoarseTicker INSTANCE = new CoarseTicker();

  static final long RESOLUTION_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  static final int IDLE_TICKS = 1_000;

  // Written by the ticking thread (and by a reader that restarts it), read by every reader.
  private volatile long now = System.nanoTime();

  // Whether a thread is refreshing `now`; only the thread that flips it to true starts one.
  private volatile boolean ticking;

  // Set by readers, cleared by the ticking thread each tick: tells it whether anyone still reads.
  // Checked before written, so readers write it at most once per tick and do not bounce its cache
  // line between cores on every read.
  private volatile boolean read;

  private CoarseTicker() {}

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
        Thread thread = new Thread(this::tick, "heapwise-cache-clock");
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
      LockSupport.parkNanos(RESOLUTION_NANOS);
      now = System.nanoTime();
      if (read) {
        read = false;
        idle = 0;
      } else if (++idle >= IDLE_TICKS) {
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
