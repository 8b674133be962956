package io.heapwise.pool;

import java.time.Duration;

/**
 * A borrow that looks leaked, handed to a {@link LeakListener} and logged.
 *
 * @param pool the pool's name
 * @param kind whether the borrow is held too long or its handle became unreachable unreleased
 * @param heldFor how long the object had been borrowed when the leak was found
 * @param borrower the name of the thread that borrowed it
 * @param borrowSite where it was borrowed (its stack trace), or null when this borrow's trace was
 *     not captured (see {@link PoolConfig#leakCaptureRate()})
 */
public record LeakReport(
    String pool, Kind kind, Duration heldFor, String borrower, Throwable borrowSite) {

  /** What kind of leak was found. */
  public enum Kind {
    /** The borrow has been held longer than {@link PoolConfig#leakThreshold()}; reported once. */
    HELD_TOO_LONG,
    /**
     * The handle became unreachable without being released; the object was destroyed and its
     * capacity given back to the pool.
     */
    UNREACHABLE
  }

  /**
   * Returns a one-line description naming the pool, the kind, the holding time and the borrower.
   *
   * @return the description
   */
  public String describe() {
    return "pool "
        + pool
        + ": "
        + (kind == Kind.HELD_TOO_LONG ? "object held for " : "handle never released, lost after ")
        + heldFor.toMillis()
        + " ms by thread "
        + borrower
        + (borrowSite == null ? " (borrow stack trace not captured)" : "");
  }
}
