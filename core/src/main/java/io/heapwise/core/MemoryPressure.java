package io.heapwise.core;

/**
 * How hard the heap is being squeezed, as a small closed set of ordered levels.
 *
 * <p>Levels are judged on what survives garbage collection (live heap after a collection, share of
 * time spent collecting), never on the instantaneous heap "used" figure, which climbs toward the
 * maximum between collections in a perfectly healthy JVM. Every heapwise component reacts to the
 * same three levels, so a service can reason about them in one place instead of interpreting a raw
 * number per component.
 *
 * <p>The declaration order is the severity order: {@code NORMAL < ELEVATED < CRITICAL}.
 */
public enum MemoryPressure {
  /** Memory is healthy; components use their configured budgets. */
  NORMAL,
  /** Live data or GC overhead is high; components give back memory they can spare. */
  ELEVATED,
  /** The heap is close to exhaustion; components shed everything that is not essential. */
  CRITICAL;

  /**
   * Returns whether this level is at least as severe as {@code other}.
   *
   * @param other the level to compare with; must not be null
   * @return {@code true} if {@code this} is {@code other} or more severe
   * @throws NullPointerException if {@code other} is null
   */
  public boolean isAtLeast(MemoryPressure other) {
    if (other == null) {
      throw new NullPointerException("other pressure level must not be null");
    }
    return compareTo(other) >= 0;
  }

  /**
   * Returns whether this level is strictly more severe than {@code other}.
   *
   * @param other the level to compare with; must not be null
   * @return {@code true} if {@code this} is more severe than {@code other}
   * @throws NullPointerException if {@code other} is null
   */
  public boolean isAbove(MemoryPressure other) {
    if (other == null) {
      throw new NullPointerException("other pressure level must not be null");
    }
    return compareTo(other) > 0;
  }
}
